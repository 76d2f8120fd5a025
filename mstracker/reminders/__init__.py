"""Reminders: rows with a next fire time, a minute-tick dispatcher, in-app and email sends."""
