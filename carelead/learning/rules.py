"""Who may use which kind of learning page. Which records they see is the selectors' job."""

import rules

from carelead.accounts.rules import (
    has_person,
    is_implementation_office,
    is_line_manager,
    is_people_lead,
    is_regional_talent_lead,
    is_training_provider,
)

# Staff: my induction, my learning, my credentials, apply to the mid-career programme.
rules.add_perm("learning.view_own_learning", has_person)
rules.add_perm("learning.apply_mid_career", has_person)
# Line managers: their team's induction and learning; support or decline applications;
# verify learning their reports declare.
rules.add_perm("learning.view_team_learning", is_line_manager)
rules.add_perm("learning.review_applications", is_line_manager)
rules.add_perm("learning.verify_learning", is_line_manager | is_people_lead)
# People leads: their organisation's induction compliance and programme places.
rules.add_perm("learning.view_organisation_learning", is_people_lead)
# The mid-career selection panel sits in the regional talent function.
rules.add_perm("learning.select_mid_career", is_regional_talent_lead)
# Training providers: their cohorts, completions and credentials.
rules.add_perm("learning.manage_provision", is_training_provider)
# Accreditation of providers is recorded nationally.
rules.add_perm("learning.manage_accreditation", is_implementation_office)
# Regional and national figures: % inducted on time, places, completion rates.
rules.add_perm(
    "learning.view_learning_overview", is_regional_talent_lead | is_implementation_office
)
