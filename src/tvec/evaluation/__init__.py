"""What measures tvec: inputs, predictors, metrics, the report and its plots behind `tvec eval`.
Nothing here runs when a document is scanned (that is :mod:`tvec.model`)."""
