"""Signal receivers: learning listens to people (see apps.LearningConfig.ready)."""

from django.dispatch import receiver

from carelead.people.signals import employments_started


@receiver(employments_started, dispatch_uid="learning.enrol_new_starters_on_induction")
def enrol_new_starters_on_induction(sender, *, employment_ids, actor, **kwargs) -> str | None:
    """Enrol the new starters; tell whoever added them what happened (people shows it)."""
    # Sent inside the people write's transaction: if enrolment fails, so does that write.
    from carelead.learning.selectors.accreditation import enrolment_block_reason
    from carelead.learning.selectors.induction import open_induction
    from carelead.learning.services.induction import induction_enrol_new_starters

    enrolled = induction_enrol_new_starters(actor=actor, employment_ids=employment_ids)
    if enrolled:
        starters = "new starter" if enrolled == 1 else "new starters"
        return f"{enrolled:,} {starters} enrolled on the national induction."
    programme = open_induction()
    reason = programme and enrolment_block_reason(programme)
    if reason:
        return f"Automatic enrolment on the national induction is paused: {reason}"
    return None
