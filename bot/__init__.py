"""linkedin-optout: opt LinkedIn accounts out of AI training, verify it, keep the evidence."""

__version__ = "0.1.0"
