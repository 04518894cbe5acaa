"""One module per resource of /api/v1; each route parses, calls one library function, renders."""
