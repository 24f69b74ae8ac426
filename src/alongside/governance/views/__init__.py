"""Pages for boards and meetings, one module per area."""
