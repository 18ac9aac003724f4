"""Whether this install has tvec's compiled modules.

They are optional (an install without a C compiler falls back to the Python references, same
results, slower), so their own tests skip when they are missing - which would also hide a build
that broke. CI sets TVEC_REQUIRE_COMPILED=1, and then a missing module fails here."""

from __future__ import annotations

import importlib
import os

import pytest

MODULES = ("tvec.banks._kernel", "tvec.model._features", "tvec._text")


@pytest.mark.skipif(os.environ.get("TVEC_REQUIRE_COMPILED") != "1", reason="TVEC_REQUIRE_COMPILED is not set")
@pytest.mark.parametrize("name", MODULES)
def test_compiled_module_is_built(name: str) -> None:
    importlib.import_module(name)


def test_the_fallbacks_are_wired_to_the_compiled_modules() -> None:
    """Each module's Python side says whether it found its compiled half, and agrees with an import."""
    from tvec import normalise
    from tvec.banks import minhash
    from tvec.model import linear

    def importable(name: str) -> bool:
        try:
            importlib.import_module(name)
        except ImportError:
            return False
        return True

    assert minhash.KERNEL_AVAILABLE == importable("tvec.banks._kernel")
    assert linear.KERNEL_AVAILABLE == importable("tvec.model._features")
    assert (normalise._squeeze_text is not normalise._squeeze_text_reference) == importable("tvec._text")
