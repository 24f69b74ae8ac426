"""The GOV.UK Design System shell: layout, navigation, and Django forms through GOV.UK macros."""
