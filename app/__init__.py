"""claimdesk: a fact-checker's terminal workstation for claims repeated across stories."""

__version__ = "0.1.0"
