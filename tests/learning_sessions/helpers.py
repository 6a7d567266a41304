"""What the session form posts, for tests that edit a session."""


def session_form_data(session, **changes) -> dict:
    data = {
        "title": session.title,
        "status": session.status,
        "date": "2026-10-15",
        "start_time": "12:00",
        "duration_minutes": 60,
        "visibility": session.visibility,
        "recording_link": session.recording_link,
        "issue_numbers": "",
    }
    return {**data, **changes}
