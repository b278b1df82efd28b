"""The one aiohttp server: assembly, the request guard, health, the events API, request bodies
and client addresses."""
