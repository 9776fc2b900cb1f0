"""Who may use which kind of talent page. Which records they see is the selectors' job (a
record outside a user's reach answers 404)."""

import rules

from carelead.accounts.rules import (
    has_person,
    is_implementation_office,
    is_line_manager,
    is_people_lead,
    is_regional_talent_lead,
)

# Staff: my career conversations, my pools and nominations, who may approach me, my approaches.
rules.add_perm("talent.view_own", has_person)
# Line managers hold career conversations with their reports, propose talent assessments and
# nominate reports into pools.
rules.add_perm("talent.manage_team", is_line_manager)
# Talent assessments: proposed by line managers and people leads; reviewed by talent leads.
rules.add_perm("talent.assess", is_line_manager | is_people_lead | is_regional_talent_lead)
# Calibration sessions: run at organisation level by people leads, at ICB or region level by
# the regional talent team. A facilitator is named on each session.
rules.add_perm("talent.calibrate", is_people_lead | is_regional_talent_lead)
# Pools: the regional team runs regional and ICB pools; the implementation office national ones.
rules.add_perm("talent.manage_pools", is_regional_talent_lead | is_implementation_office)
# Critical roles and succession: people leads for their organisation, the region across it.
rules.add_perm("talent.manage_succession", is_people_lead | is_regional_talent_lead)
# The senior vacancy register: people leads for their organisation (and flag challenged ones).
rules.add_perm("talent.manage_vacancies", is_people_lead | is_regional_talent_lead)
# Incentive packages, matching and approaches are the region's.
rules.add_perm("talent.manage_incentives", is_regional_talent_lead)
rules.add_perm("talent.match", is_regional_talent_lead)
# The regional overview: pools, succession risk, challenged vacancies filled and retained.
rules.add_perm("talent.view_overview", is_regional_talent_lead | is_implementation_office)
# Career pathways are published and retired nationally.
rules.add_perm("talent.manage_pathways", is_implementation_office)
