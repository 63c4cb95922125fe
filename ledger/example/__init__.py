"""Example ledgers: the demo a new user opens, and generated ledgers for tests and benchmarks."""

from ledger.example.demo import build_demo
from ledger.example.synthetic import generate

__all__ = ["build_demo", "generate"]
