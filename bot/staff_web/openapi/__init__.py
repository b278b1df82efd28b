"""The OpenAPI 3 document of the staff API and the events API (``document``), one module per
part of the API, built with the document's own helpers (``parts``)."""
