"""JSON log lines on stdout, one object per line: the same shape for Django (production settings)
and gunicorn (config/gunicorn.py). Plain dicts for `logging.config.dictConfig`; no Django here."""

FORMATTERS = {
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    }
}
HANDLERS = {
    "stdout": {
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stdout",
        "formatter": "json",
    }
}


def logging_config(root_level, loggers):
    """A dictConfig dict: everything to stdout as JSON at `root_level`, plus `loggers`."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": FORMATTERS,
        "handlers": HANDLERS,
        "root": {"handlers": ["stdout"], "level": root_level},
        "loggers": loggers,
    }
