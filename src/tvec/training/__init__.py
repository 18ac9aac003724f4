"""What trains the shipped model: the labelled corpora, their mapping onto tvec's categories and
the fit. Nothing here runs when a document is scanned (that is :mod:`tvec.model`)."""
