//! Edits to a partnership's records, for what-if scenarios. Each edit works on a copy of the
//! file's data, checks the ids it is given (with a suggestion for a near miss), and keeps
//! history: a change "from" a date ends the old fact the day before rather than rewriting it,
//! so evaluating the edited copy as of an earlier date gives the same answers as before.

use std::fmt;

use crate::date::{Date, When};
use crate::diagnostics::did_you_mean;
use crate::model::{
    ActionStatus, Attendance, AttendanceStatus, DateCell, DocKind, DocStatus, Document, Meeting,
    Membership, Participation, Partnership, Revision, Role, Text, Waiver,
};

/// An edit that cannot be made, with a suggestion where one exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError {
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.help {
            write!(f, "; {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for EditError {}

type Result<T> = std::result::Result<T, EditError>;

fn unknown(what: &str, id: &str, candidates: Vec<&str>) -> EditError {
    EditError {
        message: format!("unknown {what} `{id}`"),
        help: did_you_mean(id, candidates).map(|s| format!("did you mean `{s}`?")),
    }
}

fn invalid(message: String) -> EditError {
    EditError {
        message,
        help: None,
    }
}

/// The day before `w` begins: where a fact that changes on `w` ends.
fn day_before(w: When) -> When {
    When::Day(w.earliest().add_days(-1))
}

fn open_on(from: Option<When>, to: Option<When>, day: Date) -> bool {
    crate::graph::in_force(from, to, day)
}

/// Edits that a what-if scenario may make.
pub trait Edits {
    /// `member` (an organisation or person) takes a seat on `group` from `from`, taking part.
    fn join(&mut self, member: &str, group: &str, from: When) -> Result<()>;
    /// `member` withdraws from `group` from `on`: its seat ends the day before and the records
    /// say it declined from then.
    fn leave(&mut self, member: &str, group: &str, on: When) -> Result<()>;
    /// `member`'s participation in `group` changes to `status` from `from`.
    fn set_participation(
        &mut self,
        member: &str,
        group: &str,
        status: &str,
        from: When,
    ) -> Result<()>;
    /// A document's date field (`due`, `approved`, `published`, `next_revision_due`,
    /// `period_from`, `period_to`) is set.
    fn set_document_date(&mut self, doc: &str, field: &str, date: When) -> Result<()>;
    /// A document's date field moves by a number of months (negative moves it earlier).
    fn slip_document_date(&mut self, doc: &str, field: &str, months: i64) -> Result<()>;
    /// A document is approved (made final) on a date.
    fn approve(&mut self, doc: &str, date: When) -> Result<()>;
    /// A document is refreshed on a date.
    fn revise(&mut self, doc: &str, date: When, note: &str) -> Result<()>;
    /// A new document is recorded. `kind` is written as in the file (`PartnershipPlan`).
    fn add_document(&mut self, id: &str, kind: &str, title: &str) -> Result<()>;
    /// A post's funding ends on a date.
    fn end_funding(&mut self, post: &str, date: When) -> Result<()>;
    /// A group stops meeting from a date (it is recorded as suspended).
    fn stop_meeting(&mut self, group: &str, from: When) -> Result<()>;
    /// A group holds a meeting on a date with the given attendance.
    fn hold_meeting(
        &mut self,
        group: &str,
        date: When,
        attendance: &[(String, String)],
    ) -> Result<()>;
    /// A text field of a record (a risk's `likelihood`, an action's `owner`, ...) is filled in.
    fn set_text(&mut self, id: &str, field: &str, value: &str) -> Result<()>;
    /// An action is completed on a date.
    fn complete_action(&mut self, action: &str, date: When) -> Result<()>;
    /// A node is removed, with every edge that touches it.
    fn remove(&mut self, id: &str) -> Result<()>;
    /// The committee waives a failure until `expires`.
    fn waive(&mut self, waiver: Waiver) -> Result<()>;
    /// Suppose the papers confirm what the file only infers a group to be (`kind_inferred`).
    fn confirm_kind(&mut self, group: &str) -> Result<()>;
    /// Suppose the records hold `list` (of the record `of`, or the partnership's own when
    /// empty) in full on every date: "if what we hold is everything, what fails?".
    fn declare_complete(&mut self, list: &str, of: &str) -> Result<()>;
}

impl Partnership {
    fn member_ids(&self) -> Vec<&str> {
        self.organisations
            .iter()
            .map(|o| o.id.as_str())
            .chain(self.people.iter().map(|p| p.id.as_str()))
            .collect()
    }

    fn check_member(&self, id: &str) -> Result<()> {
        if self.member_ids().contains(&id) {
            Ok(())
        } else {
            Err(unknown("organisation or person", id, self.member_ids()))
        }
    }

    fn group_index(&self, id: &str) -> Result<usize> {
        self.groups.iter().position(|g| g.id == id).ok_or_else(|| {
            unknown(
                "group",
                id,
                self.groups.iter().map(|g| g.id.as_str()).collect(),
            )
        })
    }

    fn document_index(&self, id: &str) -> Result<usize> {
        self.documents
            .iter()
            .position(|d| d.id == id)
            .ok_or_else(|| {
                unknown(
                    "document",
                    id,
                    self.documents.iter().map(|d| d.id.as_str()).collect(),
                )
            })
    }

    /// Ends every seat of `member` on `group` open on `on`, the day before. Returns how many.
    fn end_seats(&mut self, member: &str, group: &str, on: When) -> usize {
        let day = on.earliest();
        let mut ended = 0;
        for m in self
            .memberships
            .iter_mut()
            .filter(|m| m.member == member && m.group == group)
        {
            if open_on(m.from, m.to, day) {
                m.to = Some(day_before(on));
                ended += 1;
            }
        }
        ended
    }

    fn add_seat(&mut self, member: &str, group: &str, status: Participation, from: When) {
        self.memberships.push(Membership {
            member: member.to_string(),
            group: group.to_string(),
            role: Role::Member,
            senior: None,
            status: Some(status),
            appointed_by: Vec::new(),
            from: Some(from),
            to: None,
            evidence: Vec::new(),
        });
    }

    fn document_date<'d>(doc: &'d mut Document, field: &str) -> Result<&'d mut Option<When>> {
        Ok(match field {
            "due" => &mut doc.due,
            "approved" => &mut doc.approved,
            "published" => &mut doc.published,
            "next_revision_due" => &mut doc.next_revision_due,
            "period_from" => &mut doc.period_from,
            "period_to" => &mut doc.period_to,
            other => {
                return Err(EditError {
                    message: format!("a document has no date field `{other}`"),
                    help: did_you_mean(other, ["due", "approved", "published", "next_revision_due", "period_from", "period_to"])
                        .map(|s| format!("did you mean `{s}`?"))
                        .or_else(|| Some("the date fields are `due`, `approved`, `published`, `next_revision_due`, `period_from` and `period_to`".into())),
                });
            }
        })
    }
}

impl Edits for Partnership {
    fn declare_complete(&mut self, list: &str, of: &str) -> Result<()> {
        use crate::model::{Complete, ListKind};
        let Some(kind) = ListKind::from_name(list) else {
            let names: Vec<&str> = ListKind::ALL.iter().map(|k| k.variant()).collect();
            return Err(unknown("list", list, names));
        };
        let owned = !kind.owner_kinds().is_empty();
        if owned && of.is_empty() {
            return Err(invalid(format!(
                "say whose {} is complete",
                kind.describe()
            )));
        }
        let ids = self.node_ids();
        match ids.iter().find(|(id, _)| *id == of) {
            Some((_, k)) if owned && !kind.owner_kinds().contains(k) => {
                return Err(invalid(format!(
                    "`{of}` is not a record that has {}",
                    kind.describe()
                )));
            }
            None if owned => {
                return Err(unknown(
                    "record",
                    of,
                    ids.iter().map(|(id, _)| *id).collect(),
                ));
            }
            _ => {}
        }
        let of = (!of.is_empty()).then(|| of.to_string());
        self.complete.push(Complete::new(kind, of));
        Ok(())
    }

    fn confirm_kind(&mut self, group: &str) -> Result<()> {
        let g = self.group_index(group)?;
        if !self.groups[g].kind_inferred {
            return Err(invalid(format!(
                "the file does not infer what `{group}` is: its kind is already recorded from the papers"
            )));
        }
        self.groups[g].kind_inferred = false;
        Ok(())
    }

    fn waive(&mut self, waiver: Waiver) -> Result<()> {
        if waiver.reason.trim().is_empty() || waiver.minute.trim().is_empty() {
            return Err(invalid(
                "a waiver needs a reason and a minute reference".into(),
            ));
        }
        self.waivers.push(waiver);
        Ok(())
    }

    fn join(&mut self, member: &str, group: &str, from: When) -> Result<()> {
        self.check_member(member)?;
        self.group_index(group)?;
        self.end_seats(member, group, from);
        self.add_seat(member, group, Participation::Participating, from);
        Ok(())
    }

    fn leave(&mut self, member: &str, group: &str, on: When) -> Result<()> {
        self.check_member(member)?;
        let g = self.group_index(group)?;
        let ended = self.end_seats(member, group, on);
        // Without a recorded seat, leaving is still a fact worth recording when the group's
        // members are listed in full; otherwise there was nothing to leave.
        let listed = self.groups[g].members_listed_in_full
            || self.complete.iter().any(|c| {
                c.list == crate::model::ListKind::Members && c.of.as_deref() == Some(group)
            });
        if ended == 0 && !listed {
            return Err(invalid(format!(
                "`{member}` has no recorded seat on `{group}` on {} to leave",
                on.long()
            )));
        }
        self.add_seat(member, group, Participation::Declined, on);
        Ok(())
    }

    fn set_participation(
        &mut self,
        member: &str,
        group: &str,
        status: &str,
        from: When,
    ) -> Result<()> {
        self.check_member(member)?;
        self.group_index(group)?;
        let status = match status {
            "participating" => Participation::Participating,
            "not_participating" => Participation::NotParticipating,
            "vacant" => Participation::Vacant,
            "declined" => Participation::Declined,
            other => {
                return Err(EditError {
                    message: format!("unknown participation `{other}`"),
                    help: Some(
                        "use `participating`, `not_participating`, `vacant` or `declined`".into(),
                    ),
                });
            }
        };
        self.end_seats(member, group, from);
        self.add_seat(member, group, status, from);
        Ok(())
    }

    fn set_document_date(&mut self, doc: &str, field: &str, date: When) -> Result<()> {
        let i = self.document_index(doc)?;
        *Partnership::document_date(&mut self.documents[i], field)? = Some(date);
        Ok(())
    }

    fn slip_document_date(&mut self, doc: &str, field: &str, months: i64) -> Result<()> {
        let i = self.document_index(doc)?;
        let slot = Partnership::document_date(&mut self.documents[i], field)?;
        let Some(w) = *slot else {
            return Err(invalid(format!("`{doc}` has no `{field}` date to move")));
        };
        let Some(moved) = w.checked_shift_months(months) else {
            return Err(invalid(format!(
                "moving `{doc}`'s `{field}` ({}) by {months} months leaves the years a file can hold (1 to 9999)",
                w.long()
            )));
        };
        *slot = Some(moved);
        Ok(())
    }

    fn approve(&mut self, doc: &str, date: When) -> Result<()> {
        let i = self.document_index(doc)?;
        let d = &mut self.documents[i];
        d.approved = Some(date);
        d.status = Some(DocStatus::Final);
        Ok(())
    }

    fn revise(&mut self, doc: &str, date: When, note: &str) -> Result<()> {
        let i = self.document_index(doc)?;
        self.documents[i].revisions.push(Revision {
            date,
            note: (!note.is_empty()).then(|| note.to_string()),
            evidence: Vec::new(),
        });
        Ok(())
    }

    fn add_document(&mut self, id: &str, kind: &str, title: &str) -> Result<()> {
        if id.is_empty() || id.chars().any(char::is_whitespace) {
            return Err(invalid(format!(
                "id `{id}` must be a short name without spaces"
            )));
        }
        if self.documents.iter().any(|d| d.id.eq_ignore_ascii_case(id)) {
            return Err(invalid(format!("a document with id `{id}` already exists")));
        }
        let kind: DocKind = ron::from_str(kind).map_err(|_| EditError {
            message: format!("unknown document kind `{kind}`"),
            help: Some(
                "write it as in a file, for example `PartnershipPlan` or `StrategicAssessment`"
                    .into(),
            ),
        })?;
        self.documents.push(Document {
            notes: vec!["added by a what-if scenario".into()],
            ..Document::new(id, title, kind)
        });
        Ok(())
    }

    fn end_funding(&mut self, post: &str, date: When) -> Result<()> {
        let ids: Vec<&str> = self.posts.iter().map(|p| p.id.as_str()).collect();
        let i = self
            .posts
            .iter()
            .position(|p| p.id == post)
            .ok_or_else(|| unknown("post", post, ids))?;
        self.posts[i].funding_end = Some(date);
        Ok(())
    }

    fn stop_meeting(&mut self, group: &str, from: When) -> Result<()> {
        let i = self.group_index(group)?;
        let g = &mut self.groups[i];
        g.suspended_from = Some(from);
        g.suspended_to = None;
        Ok(())
    }

    fn hold_meeting(
        &mut self,
        group: &str,
        date: When,
        attendance: &[(String, String)],
    ) -> Result<()> {
        self.group_index(group)?;
        let mut rows = Vec::new();
        for (member, status) in attendance {
            self.check_member(member)?;
            let status = match status.as_str() {
                "present" => AttendanceStatus::Present,
                "substitute" => AttendanceStatus::Substitute,
                "apologies" => AttendanceStatus::Apologies,
                "absent" => AttendanceStatus::Absent,
                other => {
                    return Err(EditError {
                        message: format!("unknown attendance `{other}` for `{member}`"),
                        help: Some("use `present`, `substitute`, `apologies` or `absent`".into()),
                    });
                }
            };
            rows.push(Attendance {
                member: member.clone(),
                status,
            });
        }
        let mut id = format!("what-if-{group}-{date}");
        let mut n = 2;
        while self.meetings.iter().any(|m| m.id == id) {
            id = format!("what-if-{group}-{date}-{n}");
            n += 1;
        }
        self.meetings.push(Meeting {
            attendance: rows,
            ..Meeting::new(id, group, date)
        });
        Ok(())
    }

    fn set_text(&mut self, id: &str, field: &str, value: &str) -> Result<()> {
        let text = || Some(Text(value.to_string()));
        if let Some(r) = self.risks.iter_mut().find(|r| r.id == id) {
            match field {
                "consequence" => r.consequence = text(),
                "likelihood" => r.likelihood = text(),
                "impact" => r.impact = text(),
                "controls" => r.controls = text(),
                "owner" => r.owner = text(),
                "review_date" => {
                    r.review_date = Some(if value.trim().is_empty() {
                        DateCell::Blank
                    } else {
                        DateCell::Date(
                            value
                                .parse()
                                .map_err(|e: crate::DateError| invalid(e.to_string()))?,
                        )
                    })
                }
                other => {
                    return Err(invalid(format!(
                        "a risk has no field `{other}`; use `consequence`, `likelihood`, `impact`, `controls`, `owner` or `review_date`"
                    )));
                }
            }
            return Ok(());
        }
        // Actions and priorities have one text field a scenario may set.
        let owner = |slot: &mut Option<String>, what: &str| match field {
            "owner" => {
                *slot = Some(value.to_string());
                Ok(())
            }
            other => Err(invalid(format!(
                "{what} text field is `owner`, not `{other}`"
            ))),
        };
        if let Some(a) = self.actions.iter_mut().find(|a| a.id == id) {
            return owner(&mut a.owner, "an action's");
        }
        if let Some(p) = self.priorities.iter_mut().find(|p| p.id == id) {
            return owner(&mut p.owner, "a priority's");
        }
        let ids = self
            .risks
            .iter()
            .map(|r| r.id.as_str())
            .chain(self.actions.iter().map(|a| a.id.as_str()))
            .chain(self.priorities.iter().map(|p| p.id.as_str()))
            .collect();
        Err(unknown("risk, action or priority", id, ids))
    }

    fn complete_action(&mut self, action: &str, date: When) -> Result<()> {
        let ids: Vec<&str> = self.actions.iter().map(|a| a.id.as_str()).collect();
        let i = self
            .actions
            .iter()
            .position(|a| a.id == action)
            .ok_or_else(|| unknown("action", action, ids))?;
        self.actions[i].status = Some(ActionStatus::Complete);
        self.actions[i].completed = Some(date);
        Ok(())
    }

    fn remove(&mut self, id: &str) -> Result<()> {
        if !self.remove_node(id) {
            let ids: Vec<&str> = self.node_ids().into_iter().map(|(id, _)| id).collect();
            return Err(unknown("record", id, ids));
        }
        // Edges and references that pointed at it go too, so the copy stays consistent: every
        // record kind says, in its `Record::detach`, what it does without it.
        self.detach_all(id);
        Ok(())
    }
}
