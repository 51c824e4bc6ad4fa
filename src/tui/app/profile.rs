//! The check-in and the profile: asked one field at a time, pre-filled from
//! last time, saved as a draft until complete.

use super::*;

impl App {
    /// The profile values to pre-fill: what this session has so far, else
    /// the last saved profile.
    pub fn known_profile(&self) -> ProfileDraft {
        let last = self
            .history
            .sessions
            .iter()
            .rev()
            .find_map(|s| s.profile)
            .map(ProfileDraft::from)
            .unwrap_or_default();
        let Some(active) = &self.active else {
            return last;
        };
        let own = active
            .session
            .profile
            .map(ProfileDraft::from)
            .unwrap_or(active.session.profile_draft);
        ProfileDraft {
            reports: own.reports.or(last.reports),
            coding_share: own.coding_share.or(last.coding_share),
            critical_path: own.critical_path.or(last.critical_path),
            stage: own.stage.or(last.stage),
        }
    }

    pub(super) fn profile_screen(&self, field: ProfileField) -> Screen {
        let known = self.known_profile();
        let input = match field {
            ProfileField::Reports => known.reports.map(|v| v.to_string()),
            ProfileField::CodingShare => known.coding_share.map(|v| v.to_string()),
            _ => None,
        };
        Screen::Profile {
            field,
            input: input.unwrap_or_default(),
            error: None,
        }
    }

    pub(super) fn on_check_in(&mut self, index: usize, action: Action) -> Option<Effect> {
        let active = self.active.as_mut()?;
        match action {
            Action::CheckIn(status) => {
                let commitment = active.to_check.get(index)?.clone();
                // A note written before the status, or earlier on this check-in, is kept.
                let note = self.pending_check_in_note.take().or_else(|| {
                    active
                        .session
                        .checkins
                        .get(index)
                        .and_then(|c| c.note.clone())
                });
                active.session.checkins.truncate(index);
                active.session.checkins.push(CheckIn {
                    practice: commitment.practice,
                    title: commitment.title,
                    status,
                    note,
                });
                if index + 1 < active.to_check.len() {
                    self.screen = Screen::CheckIn { index: index + 1 };
                } else {
                    self.enter_next_step();
                }
                self.save_progress()
            }
            Action::Note => {
                self.open_note(NoteTarget::CheckIn(index));
                None
            }
            Action::Back if index > 0 => {
                self.screen = Screen::CheckIn { index: index - 1 };
                None
            }
            Action::Back => {
                self.go_home();
                None
            }
            _ => None,
        }
    }

    pub(super) fn on_profile(
        &mut self,
        field: ProfileField,
        mut input: String,
        action: Action,
    ) -> Option<Effect> {
        let known = self.known_profile();
        let set_error = |app: &mut App, msg: String, input: String| {
            app.screen = Screen::Profile {
                field,
                input,
                error: Some(msg),
            };
        };
        match action {
            Action::Digit(d) => {
                if input.len() < 3 {
                    if input == "0" {
                        input.clear();
                    }
                    input.push(char::from(b'0' + d));
                }
                self.screen = Screen::Profile {
                    field,
                    input,
                    error: None,
                };
                None
            }
            Action::Backspace => {
                input.pop();
                self.screen = Screen::Profile {
                    field,
                    input,
                    error: None,
                };
                None
            }
            Action::Enter => match field {
                ProfileField::Reports | ProfileField::CodingShare => {
                    let max = if field == ProfileField::Reports {
                        u32::from(Profile::MAX_REPORTS)
                    } else {
                        100
                    };
                    match input.parse::<u32>() {
                        Ok(v) if v <= max => {
                            self.set_profile_number(field, v);
                            let next = if field == ProfileField::Reports {
                                ProfileField::CodingShare
                            } else {
                                ProfileField::CriticalPath
                            };
                            self.screen = self.profile_screen(next);
                            self.save_progress()
                        }
                        Ok(_) => {
                            set_error(self, format!("Enter a number from 0 to {max}."), input);
                            None
                        }
                        Err(_) => {
                            set_error(self, "Type a number, then press Enter.".into(), input);
                            None
                        }
                    }
                }
                ProfileField::CriticalPath => match known.critical_path {
                    Some(yes) => self.set_critical_path(yes),
                    None => {
                        set_error(self, "Press y or n.".into(), input);
                        None
                    }
                },
                ProfileField::Stage => match known.stage {
                    Some(stage) => self.set_stage(stage),
                    None => {
                        set_error(self, "Press 1, 2 or 3.".into(), input);
                        None
                    }
                },
            },
            Action::Yes => self.set_critical_path(true),
            Action::No => self.set_critical_path(false),
            Action::Stage(n) => self.set_stage(Stage::ALL[usize::from(n.clamp(1, 3)) - 1]),
            Action::Back => {
                match field {
                    ProfileField::Reports => {
                        if self.active.as_ref().is_some_and(|a| !a.to_check.is_empty()) {
                            self.screen = Screen::CheckIn {
                                index: self.active.as_ref().map_or(0, |a| a.to_check.len() - 1),
                            };
                        } else {
                            self.go_home();
                        }
                    }
                    ProfileField::CodingShare => {
                        self.screen = self.profile_screen(ProfileField::Reports)
                    }
                    ProfileField::CriticalPath => {
                        self.screen = self.profile_screen(ProfileField::CodingShare)
                    }
                    ProfileField::Stage => {
                        self.screen = self.profile_screen(ProfileField::CriticalPath)
                    }
                }
                None
            }
            _ => None,
        }
    }

    pub(super) fn draft_mut(&mut self) -> Option<&mut ProfileDraft> {
        let active = self.active.as_mut()?;
        if let Some(p) = active.session.profile.take() {
            active.session.profile_draft = p.into();
        }
        Some(&mut active.session.profile_draft)
    }

    pub(super) fn set_profile_number(&mut self, field: ProfileField, v: u32) {
        if let Some(d) = self.draft_mut() {
            match field {
                ProfileField::Reports => d.reports = Some(v as u16),
                _ => d.coding_share = Some(v as u8),
            }
        }
    }

    pub(super) fn set_critical_path(&mut self, yes: bool) -> Option<Effect> {
        self.draft_mut()?.critical_path = Some(yes);
        self.screen = self.profile_screen(ProfileField::Stage);
        self.save_progress()
    }

    pub(super) fn set_stage(&mut self, stage: Stage) -> Option<Effect> {
        self.draft_mut()?.stage = Some(stage);
        let active = self.active.as_mut()?;
        let profile = active.session.profile_draft.complete();
        let Some(profile) = profile else {
            // A field was never set (only possible after editing a file by hand).
            self.screen = self.profile_screen(ProfileField::Reports);
            return None;
        };
        active.session.profile = Some(profile);
        active.session.profile_draft = ProfileDraft::default();
        active.asked = active.set.asked_for(Some(&profile));
        let position = active.session.position;
        self.enter_question(position);
        self.save_progress()
    }
}
