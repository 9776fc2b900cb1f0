"""Browsing the frameworks is public; changing them is for the national implementation
office (import, publish, retire)."""

import rules

from carelead.accounts.rules import is_implementation_office

rules.add_perm("standards.manage_frameworks", is_implementation_office)
