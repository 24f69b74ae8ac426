"""Alongside: co-produce services with young people."""
