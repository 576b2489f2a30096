"""The preview (`sitegen serve`): rebuild loop, served files and events, HTTP server, file watching, live reload."""
