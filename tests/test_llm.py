"""The LLM detector against a fake OpenAI-compatible server on 127.0.0.1 (never a real endpoint)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tvec.detectors.base import DetectorRegistry, PreparedDocument
from tvec.detectors.llm import LLMDetector, LLMSettings, locate_quotes, parse_answer, system_prompt
from tvec.errors import ConfigurationError, DetectorError
from tvec.scanner import Scanner
from tvec.types import Category, Document, Span

TEXT = (
    "The council met on Monday.  Group X calls on its members to attack the depot tonight.\n"
    "A spokesperson said the meeting was calm."
)
CALL = "Group X calls on its members to attack the depot tonight."


def completion(content: str) -> dict[str, Any]:
    return {"id": "c1", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}


class FakeServer:
    """Answers every POST with what ``respond`` returns (status, body bytes) and records requests."""

    def __init__(self, respond: Callable[[dict[str, Any]], tuple[int, bytes]], delay_s: float = 0.0) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                outer.requests.append(body)
                outer.headers.append({k.lower(): v for k, v in self.headers.items()})
                outer.paths.append(self.path)
                if delay_s:
                    time.sleep(delay_s)
                status, payload = respond(body)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.paths: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> FakeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def answering(content: str) -> Callable[[dict[str, Any]], tuple[int, bytes]]:
    return lambda body: (200, json.dumps(completion(content)).encode())


@pytest.fixture()
def good_answer() -> str:
    return json.dumps(
        {
            "categories": {
                "incitement": {"score": 0.92, "evidence": [CALL]},
                "news_reporting": {"score": 0.4, "evidence": ["a spokesperson said the meeting was calm."]},
                "scholarship": {"score": 0.0, "evidence": []},
                "glorification": {"score": 0.7, "evidence": ["Group X praised the attack on the depot."]},
            }
        }
    )


def detect(url: str, text: str = TEXT, **kwargs: Any) -> list:
    detector = LLMDetector(LLMSettings(url=url, model="fake-guard", **kwargs))
    return detector.detect(PreparedDocument(Document("doc-1", text)))


def test_signals_with_spans_in_the_original_text(good_answer: str) -> None:
    with FakeServer(answering(good_answer)) as server:
        signals = detect(server.url, api_key="sk-test")
    by_category = {str(s.category): s for s in signals}
    assert set(by_category) == {"incitement", "news_reporting", "glorification"}  # 0.0 is dropped
    incitement = by_category["incitement"]
    assert incitement.detector == "llm" and incitement.score == pytest.approx(0.92)
    assert [s.text(TEXT) for s in incitement.spans] == [CALL]
    # case differs from the text: found through the normalised form, span still on the original
    news = by_category["news_reporting"]
    assert [s.text(TEXT) for s in news.spans] == ["A spokesperson said the meeting was calm."]
    # a quote that is nowhere in the text is no evidence: no span, and the signal says so
    glorification = by_category["glorification"]
    assert glorification.spans == ()
    assert glorification.evidence["unmatched_quotes"] == ["Group X praised the attack on the depot."]
    assert "not found" in glorification.explanation
    # the request: OpenAI chat format, policy in the system prompt, the key as a bearer token
    request = server.requests[0]
    assert server.paths == ["/v1/chat/completions"]
    assert request["model"] == "fake-guard" and request["temperature"] == 0
    assert request["messages"][0]["role"] == "system" and "insurrection" in request["messages"][0]["content"]
    assert TEXT in request["messages"][1]["content"]
    assert server.headers[0]["authorization"] == "Bearer sk-test"


def test_url_forms_and_fenced_answer(good_answer: str) -> None:
    fenced = f"```json\n{good_answer}\n```"
    with FakeServer(answering(fenced)) as server:
        detect(server.url + "/v1")
        detect(server.url + "/v1/chat/completions")
        signals = detect(server.url + "/")
    assert server.paths == ["/v1/chat/completions"] * 3
    assert "authorization" not in server.headers[0]
    assert any(str(s.category) == "incitement" for s in signals)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("I think this is incitement.", "not JSON"),
        (json.dumps({"incitement": 0.9}), "no 'categories'"),
        (json.dumps({"categories": {"terrorism": {"score": 0.9}}}), "unknown category"),
        (json.dumps({"categories": {"incitement": {"score": 1.5}}}), "not a number in [0, 1]"),
        (json.dumps({"categories": {"incitement": {"score": "high"}}}), "not a number in [0, 1]"),
        (json.dumps({"categories": {"incitement": {"score": True}}}), "not a number in [0, 1]"),
        (json.dumps({"categories": {"incitement": {"score": 0.9, "evidence": "a sentence"}}}), "not a list"),
        (json.dumps({"categories": {"incitement": 0.9}}), "not an object"),
    ],
)
def test_malformed_answers_are_detector_errors(content: str, problem: str) -> None:
    with pytest.raises(DetectorError, match="doc-7") as info:
        parse_answer(content, "doc-7")
    assert problem in str(info.value)


def test_http_error_names_status_and_body() -> None:
    with (
        FakeServer(lambda body: (503, b'{"error": "model is loading"}')) as server,
        pytest.raises(DetectorError, match=r"HTTP 503.*model is loading"),
    ):
        detect(server.url)


def test_non_chat_response_is_an_error() -> None:
    with (
        FakeServer(lambda body: (200, b'{"data": []}')) as server,
        pytest.raises(DetectorError, match="not an OpenAI chat-completions response"),
    ):
        detect(server.url)


def test_timeout_is_a_detector_error() -> None:
    with FakeServer(answering("{}"), delay_s=1.0) as server:
        t0 = time.perf_counter()
        with pytest.raises(DetectorError, match=r"no answer within 0\.2 s"):
            detect(server.url, timeout_s=0.2)
        assert time.perf_counter() - t0 < 0.9


def test_unreachable_server_is_a_detector_error() -> None:
    with FakeServer(answering("{}")) as server:
        url = server.url
    with pytest.raises(DetectorError, match="cannot reach the server"):
        detect(url)


def test_missing_url_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TVEC_LLM_URL", raising=False)
    with pytest.raises(ConfigurationError, match="TVEC_LLM_URL"):
        LLMDetector(LLMSettings())


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TVEC_LLM_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("TVEC_LLM_MODEL", "guard-small")
    monkeypatch.setenv("TVEC_LLM_API_KEY", "sk-secret-123")
    monkeypatch.setenv("TVEC_LLM_TIMEOUT_S", "2.5")
    settings = LLMSettings()
    assert settings.endpoint == "http://127.0.0.1:9/v1/chat/completions"
    assert (settings.model, settings.timeout_s, settings.api_key.get_secret_value()) == ("guard-small", 2.5, "sk-secret-123")
    assert "sk-secret-123" not in repr(settings)


def test_registered_but_off_by_default(settings, monkeypatch: pytest.MonkeyPatch, good_answer: str) -> None:
    registry = DetectorRegistry.from_entry_points()
    assert "llm" in registry.names
    assert "llm" not in settings.detectors
    with FakeServer(answering(good_answer)) as server:
        monkeypatch.setenv("TVEC_LLM_URL", server.url)
        scanner = Scanner(settings.model_copy(update={"detectors": ["llm"]}), registry=registry)
        result = scanner.scan(Document("doc-1", TEXT), ["UK"])
    assert not result.errors
    assert any(s.detector == "llm" and s.category == Category.INCITEMENT for s in result.signals)


def test_scanner_reports_llm_failure_without_losing_the_scan(settings) -> None:
    with FakeServer(lambda body: (500, b"boom")) as server:
        detector = LLMDetector(LLMSettings(url=server.url))
        result = Scanner(settings, detectors=[detector]).scan(Document("doc-1", TEXT), ["UK"])
    assert result.errors and "HTTP 500" in result.errors[0]


def test_locate_quotes_spacing_and_merging() -> None:
    text = "First   line of it.\nSecond line here."
    spans, unmatched = locate_quotes(text, ["first line of it.", "“Second line here.”", "line", "absent words"])
    assert unmatched == ["absent words"]
    assert [s.text(text) for s in spans] == ["First   line of it.", "Second line here."]
    assert spans[0] == Span(0, 19)


def test_system_prompt_defines_every_policy_category() -> None:
    prompt = system_prompt()
    for category in ("incitement", "insurrection", "glorification", "dehumanisation", "proscribed_support",
                     "recruitment", "news_reporting", "human_rights_documentation", "advocacy",
                     "counter_speech", "religious_quotation", "scholarship"):  # fmt: skip
        assert f"- {category}:" in prompt
    assert "JSON" in prompt and "verbatim" in prompt


def test_long_documents_are_cut_and_say_so(good_answer: str) -> None:
    long_text = TEXT + " filler." * 400
    with FakeServer(answering(good_answer)) as server:
        signals = detect(server.url, text=long_text, max_chars=500)
    assert len(server.requests[0]["messages"][1]["content"]) < 600
    assert all(s.evidence["truncated_at_chars"] == 500 for s in signals)
    incitement = next(s for s in signals if s.category == Category.INCITEMENT)
    assert incitement.spans  # the call is inside the first 500 characters, so it is located
