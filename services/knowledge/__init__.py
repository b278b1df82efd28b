"""Answers staff keep (issue 20): FAQ topics that staff add or edit and publish (versioned,
audited, one step back at a time), the engine every instance answers with (reloaded without a
restart when a new version is published), and the questions the bot could not answer, kept
masked for staff for 90 days."""
