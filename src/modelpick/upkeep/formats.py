"""The names of registry upkeep's formats, and where each is implemented, with no imports: the CLI builds its
`registry import --from` and `registry export --format` choices from these without loading the importers,
the exporters or the registry schema they import (about 90 ms of every start-up otherwise).

Adding a format is its module (or writer) plus its line here."""

# Every foreign format: its name on the command line -> its module in modelpick.upkeep.foreign.
FOREIGN_FORMATS = {"litellm": "litellm", "models.dev": "models_dev", "openrouter": "openrouter",
                   "genai-prices": "genai_prices"}

# Every export format: its name on the command line -> its writer, a function in modelpick.upkeep.export.
EXPORT_WRITERS = {"csv": "_csv", "jsonl": "_jsonl", "sql": "_sql"}
