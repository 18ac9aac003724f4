"""Input readers: files, folders and stdin in, Documents (and InputErrors) out.

``iter_documents`` is the entry point for the CLI and the Spark job alike; one small module per
format does the reading (text, html, pdf, jsonl, tabular, warc), and ``dispatch`` walks folders
and picks the module by extension.
"""

from tvec.ingest.dispatch import file_type, iter_documents
from tvec.ingest.options import IngestOptions

__all__ = ["IngestOptions", "file_type", "iter_documents"]
