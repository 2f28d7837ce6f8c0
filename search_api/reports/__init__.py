"""Reports and reminders for secretariats (issue 19).

* ``periods`` — month / quarter / six months / year / explicit dates, Vietnamese labels;
* ``snapshot`` — tasks as they stood at the end of a day (stored extraction + edit log replay);
* ``figures`` — the report's states, rows, per-unit figures (``ReportSource``, ``build_report``);
* ``docx`` / ``xlsx`` / ``svg`` — the report as Word, Excel, and the dashboard's charts;
* ``reminders`` — subscription, follow and sent tables next to the edit log;
* ``remind`` / ``mail`` — the daily digest run over SMTP; ``alerts`` — followed documents;
* ``cli`` — ``directives report``, ``remind``, ``subscribe``, ``follow``.
"""
