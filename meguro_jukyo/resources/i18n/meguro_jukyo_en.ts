<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>A11y</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>time</source>
        <translation>time</translation>
    </message>
    <message>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Data in use</source>
        <translation>Data in use</translation>
    </message>
    <message>
        <source>(not open)</source>
        <translation>(not open)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The data is already open in another window.</source>
        <translation>The data is already open in another window.</translation>
    </message>
    <message>
        <source>The data could not be opened.</source>
        <translation>The data could not be opened.</translation>
    </message>
    <message>
        <source>Meguro Jukyo</source>
        <translation>Meguro Jukyo</translation>
    </message>
    <message>
        <source>Backup made: %1</source>
        <translation>Backup made: %1</translation>
    </message>
    <message>
        <source>The data file has problems:
%1

Close the app and restore a backup with `meguro-jukyo restore`.</source>
        <translation>The data file has problems:
%1

Close the app and restore a backup with `meguro-jukyo restore`.</translation>
    </message>
</context>
<context>
    <name>Column</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Jukyo</source>
        <translation>Jukyo</translation>
    </message>
    <message>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Raised on</source>
        <translation>Raised on</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>Answered on</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Done on</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Planned (min)</source>
        <translation>Planned (min)</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Viewpoint</source>
        <translation>Viewpoint</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Office</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>(the record was deleted)</source>
        <extracomment>field kinds (fields.FIELDS) a person can type a merged value for; others keep one value</extracomment>
        <translation>(the record was deleted)</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>deleted</translation>
    </message>
    <message>
        <source>exists</source>
        <translation>exists</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>%1 (this device)</source>
        <translation>%1 (this device)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Written on</source>
        <translation>Written on</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>Latest</translation>
    </message>
    <message>
        <source> (deleted)</source>
        <translation> (deleted)</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>Device: %1</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Written: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln open conflict(s)</source>
        <translation>
            <numerusform>%Ln open conflict</numerusform>
            <numerusform>%Ln open conflicts</numerusform>
        </translation>
    </message>
    <message>
        <source>Write a merged value</source>
        <translation>Write a merged value</translation>
    </message>
    <message>
        <source>%1 of “%2”: write the value to keep. It replaces every competing value, on every device it reaches.</source>
        <translation>%1 of “%2”: write the value to keep. It replaces every competing value, on every device it reaches.</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>Start from:</translation>
    </message>
    <message>
        <source>Write a merged value…</source>
        <translation>Write a merged value…</translation>
    </message>
    <message>
        <source>No open conflicts: every field has one value.</source>
        <translation>No open conflicts: every field has one value.</translation>
    </message>
    <message>
        <source>Choose a conflict to see its values side by side.</source>
        <translation>Choose a conflict to see its values side by side.</translation>
    </message>
    <message>
        <source>%1: “%2” — %3</source>
        <translation>%1: “%2” — %3</translation>
    </message>
    <message>
        <source>These values were written at the same time on different devices. The newest is in effect everywhere; the others are kept here until someone chooses.</source>
        <translation>These values were written at the same time on different devices. The newest is in effect everywhere; the others are kept here until someone chooses.</translation>
    </message>
    <message>
        <source>In effect</source>
        <translation>In effect</translation>
    </message>
    <message>
        <source>Competing value</source>
        <translation>Competing value</translation>
    </message>
    <message>
        <source>Keep the value in effect</source>
        <translation>Keep the value in effect</translation>
    </message>
    <message>
        <source>Keep the competing value</source>
        <translation>Keep the competing value</translation>
    </message>
    <message>
        <source>Keeps the newest competing value.</source>
        <translation>Keeps the newest competing value.</translation>
    </message>
    <message>
        <source>This field takes one of the values as it is: keep one of them.</source>
        <translation>This field takes one of the values as it is: keep one of them.</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>under %1 days</source>
        <translation>under %1 days</translation>
    </message>
    <message>
        <source>%1–%2 days</source>
        <translation>%1–%2 days</translation>
    </message>
    <message>
        <source>%1 days or more</source>
        <translation>%1 days or more</translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2: %Ln issue(s) (click to list them)</source>
        <translation>
            <numerusform>%1 × %2: %Ln issue (click to list them)</numerusform>
            <numerusform>%1 × %2: %Ln issues (click to list them)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln issue(s) (matches|match) these filters.</source>
        <translation>
            <numerusform>%Ln issue matches these filters.</numerusform>
            <numerusform>%Ln issues match these filters.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy</source>
        <extracomment>the heat map&apos;s 視点 titles by 地区, in full-width characters: the longest (&quot;3-1-2 デジタル技術の 活用による区民サービスの向上と意識改革&quot;) whole a table box&apos;s frame, margins and scroll bar beside its columns, in pixels the tables&apos; least height, and how many rows they show before scrolling kinds of change that alter what the page shows</extracomment>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy this figure as a picture</source>
        <translation>Copy this figure as a picture</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Save as PNG…</translation>
    </message>
    <message>
        <source>Save as PNG</source>
        <translation>Save as PNG</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
    <message>
        <source>Report per viewpoint…</source>
        <extracomment>the figures on screen are those of the current filters the report per 視点 was written (its path)</extracomment>
        <translation>Report per viewpoint…</translation>
    </message>
    <message>
        <source>The report per policy viewpoint for the fiscal year chosen above (this year if none), as PDF or Excel</source>
        <translation>The report per policy viewpoint for the fiscal year chosen above (this year if none), as PDF or Excel</translation>
    </message>
    <message>
        <source>by district</source>
        <translation>by district</translation>
    </message>
    <message>
        <source>by residents&apos; area</source>
        <translation>by residents&apos; area</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>Columns:</translation>
    </message>
    <message>
        <source>Issues by viewpoint and area</source>
        <translation>Issues by viewpoint and area</translation>
    </message>
    <message>
        <source>Issues by category</source>
        <translation>Issues by category</translation>
    </message>
    <message>
        <source>Issues by status</source>
        <translation>Issues by status</translation>
    </message>
    <message>
        <source>Issues by fiscal year and status</source>
        <translation>Issues by fiscal year and status</translation>
    </message>
    <message>
        <source>Requests to the ward waiting for an answer</source>
        <translation>Requests to the ward waiting for an answer</translation>
    </message>
    <message>
        <source>Waiting longest</source>
        <translation>Waiting longest</translation>
    </message>
    <message>
        <source>Overdue action items by organization</source>
        <translation>Overdue action items by organization</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>Issues</translation>
    </message>
    <message>
        <source>Waiting: %1 — answered: %2. Days since raised:</source>
        <translation>Waiting: %1 — answered: %2. Days since raised:</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>Days since raised</source>
        <translation>Days since raised</translation>
    </message>
    <message>
        <source>Days since requested</source>
        <translation>Days since requested</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>Viewpoints</source>
        <translation>Viewpoints</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Oldest due date</source>
        <translation>Oldest due date</translation>
    </message>
    <message>
        <source>Report per viewpoint</source>
        <translation>Report per viewpoint</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Excel workbook (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Gathering the report…</source>
        <translation>Gathering the report…</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Writing %1…</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Written: %1</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Remove…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove this entry? You can undo this with Ctrl+Z.</source>
        <translation>Remove this entry? You can undo this with Ctrl+Z.</translation>
    </message>
    <message>
        <source>Enter a date.</source>
        <translation>Enter a date.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>New %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>History…</translation>
    </message>
    <message>
        <source>When this record was changed, where, and how</source>
        <translation>When this record was changed, where, and how</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>Enter a whole number.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete “%1”? You can undo this with Ctrl+Z.</source>
        <translation>Delete “%1”? You can undo this with Ctrl+Z.</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>Close without saving what you typed?</source>
        <translation>Close without saving what you typed?</translation>
    </message>
    <message>
        <source>No quorum rule</source>
        <translation>No quorum rule</translation>
    </message>
    <message>
        <source>reached</source>
        <translation>reached</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>not reached</translation>
    </message>
    <message>
        <source>%1 of %2 needed: %3</source>
        <translation>%1 of %2 needed: %3</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Attendees (personal data)</source>
        <translation>Attendees (personal data)</translation>
    </message>
    <message>
        <source>Link to a viewpoint…</source>
        <translation>Link to a viewpoint…</translation>
    </message>
    <message>
        <source>Save first, then link it to the ward plan&apos;s viewpoints.</source>
        <translation>Save first, then link it to the ward plan&apos;s viewpoints.</translation>
    </message>
    <message>
        <source>Linked viewpoints</source>
        <translation>Linked viewpoints</translation>
    </message>
    <message>
        <source>Unlink…</source>
        <translation>Unlink…</translation>
    </message>
    <message>
        <source>Edit reason…</source>
        <translation>Edit reason…</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>Type to search…</source>
        <translation>Type to search…</translation>
    </message>
    <message>
        <source>Meguro Jukyo</source>
        <translation>Meguro Jukyo</translation>
    </message>
    <message>
        <source>e.g. R7.4.1 or 2025-04-01</source>
        <extracomment>the ticked values changed</extracomment>
        <translation>e.g. R7.4.1 or 2025-04-01</translation>
    </message>
    <message>
        <source>Officers by fiscal year (personal data)</source>
        <translation>Officers by fiscal year (personal data)</translation>
    </message>
</context>
<context>
    <name>Excel</name>
    <message>
        <source>Local issues, with their policy viewpoints (can be edited and imported back)</source>
        <extracomment>what each data sheet of the workbook holds (the sheet names are the workbook&apos;s own, in Japanese)</extracomment>
        <translation>Local issues, with their policy viewpoints (can be edited and imported back)</translation>
    </message>
    <message>
        <source>Meetings, with attendance and quorum</source>
        <translation>Meetings, with attendance and quorum</translation>
    </message>
    <message>
        <source>Notes, decisions and agreements of the meetings</source>
        <translation>Notes, decisions and agreements of the meetings</translation>
    </message>
    <message>
        <source>Action items (can be edited and imported back)</source>
        <translation>Action items (can be edited and imported back)</translation>
    </message>
    <message>
        <source>Which issue is linked to which policy viewpoint</source>
        <translation>Which issue is linked to which policy viewpoint</translation>
    </message>
    <message>
        <source>Attendees of each meeting (personal data)</source>
        <translation>Attendees of each meeting (personal data)</translation>
    </message>
    <message>
        <source>Local issues: title, category, status, area, dates, viewpoints</source>
        <translation>Local issues: title, category, status, area, dates, viewpoints</translation>
    </message>
    <message>
        <source>Decisions and agreements: wording and how they were decided</source>
        <translation>Decisions and agreements: wording and how they were decided</translation>
    </message>
    <message>
        <source>Issues per policy viewpoint and 住区</source>
        <translation>Issues per policy viewpoint and 住区</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>To add</source>
        <translation>To add</translation>
    </message>
    <message>
        <source>To update</source>
        <translation>To update</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>Rows with problems</source>
        <translation>Rows with problems</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>Left out</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>What is wrong</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Export workbook</source>
        <extracomment>the rows per sheet of the export were recounted and are shown (sheet -&gt; rows) an export ended: its core ExportReport, or None when it was cancelled (no file) the template was written (its Path) a dry run of an import is shown (core ImportReport) an import ran and its report is shown (core ImportReport) a workbook could not be read at all; the message shown a check or an import was cancelled (nothing was written); the message shown open data was written (core OpenDataReport)</extracomment>
        <translation>Export workbook</translation>
    </message>
    <message>
        <source>Template and import</source>
        <translation>Template and import</translation>
    </message>
    <message>
        <source>Open data</source>
        <translation>Open data</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Tick the statuses to include; none ticked includes every issue.</source>
        <translation>Tick the statuses to include; none ticked includes every issue.</translation>
    </message>
    <message>
        <source>e.g. R7.4.1</source>
        <translation>e.g. R7.4.1</translation>
    </message>
    <message>
        <source>What goes into the workbook</source>
        <translation>What goes into the workbook</translation>
    </message>
    <message>
        <source>Check cancelled: nothing was imported. Choose the workbook again to check it.</source>
        <translation>Check cancelled: nothing was imported. Choose the workbook again to check it.</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported, the data is as it was. The import can be started again.</source>
        <translation>Import cancelled: nothing was imported, the data is as it was. The import can be started again.</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <source>Or dates</source>
        <translation>Or dates</translation>
    </message>
    <message>
        <source>Issue status</source>
        <translation>Issue status</translation>
    </message>
    <message>
        <source>Issue category</source>
        <translation>Issue category</translation>
    </message>
    <message>
        <source>Fiscal year / dates</source>
        <translation>Fiscal year / dates</translation>
    </message>
    <message>
        <source>Meetings and issues are chosen by their date; action items by their due date or the issue or meeting they belong to.</source>
        <translation>Meetings and issues are chosen by their date; action items by their due date or the issue or meeting they belong to.</translation>
    </message>
    <message>
        <source>Include personal data (names)</source>
        <translation>Include personal data (names)</translation>
    </message>
    <message>
        <source>Japanese era (令和7年4月1日)</source>
        <translation>Japanese era (令和7年4月1日)</translation>
    </message>
    <message>
        <source>Western years (2025年4月1日)</source>
        <translation>Western years (2025年4月1日)</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>Dates in the workbook:</source>
        <translation>Dates in the workbook:</translation>
    </message>
    <message>
        <source>Preview: rows per sheet</source>
        <translation>Preview: rows per sheet</translation>
    </message>
    <message>
        <source>The workbook also has a summary sheet (概要) with charts and the counts per policy viewpoint and area (視点別集計).</source>
        <translation>The workbook also has a summary sheet (概要) with charts and the counts per policy viewpoint and area (視点別集計).</translation>
    </message>
    <message>
        <source>Export workbook…</source>
        <translation>Export workbook…</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>A workbook with 地域課題 and アクション sheets and drop-down lists, for members to fill in and send back. An exported workbook can be edited and imported the same way.</source>
        <translation>A workbook with 地域課題 and アクション sheets and drop-down lists, for members to fill in and send back. An exported workbook can be edited and imported the same way.</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>Save template…</translation>
    </message>
    <message>
        <source>Import a workbook</source>
        <translation>Import a workbook</translation>
    </message>
    <message>
        <source>Choose a workbook…</source>
        <translation>Choose a workbook…</translation>
    </message>
    <message>
        <source>Every row is checked first; nothing is written until you press Import.</source>
        <translation>Every row is checked first; nothing is written until you press Import.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Import only the valid rows</source>
        <translation>Import only the valid rows</translation>
    </message>
    <message>
        <source>Rows with problems are left out; fix them in the workbook and import it again later.</source>
        <translation>Rows with problems are left out; fix them in the workbook and import it again later.</translation>
    </message>
    <message>
        <source>Export open data…</source>
        <translation>Export open data…</translation>
    </message>
    <message>
        <source>The first date is after the last one.</source>
        <translation>The first date is after the last one.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>Correct the dates to see the preview.</source>
        <translation>Correct the dates to see the preview.</translation>
    </message>
    <message>
        <source>Nothing matches these filters: the sheets would be empty.</source>
        <translation>Nothing matches these filters: the sheets would be empty.</translation>
    </message>
    <message>
        <source>The workbook will hold the names of attendees, facilitators, recorders, signers, speakers and assignees. This export is recorded in the history; keep the file safe and delete it when it is no longer needed.</source>
        <translation>The workbook will hold the names of attendees, facilitators, recorders, signers, speakers and assignees. This export is recorded in the history; keep the file safe and delete it when it is no longer needed.</translation>
    </message>
    <message>
        <source>Without personal data: no names of people are written.</source>
        <translation>Without personal data: no names of people are written.</translation>
    </message>
    <message>
        <source>Local issues and meetings %1.xlsx</source>
        <translation>Local issues and meetings %1.xlsx</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) will be written.</source>
        <translation>
            <numerusform>%Ln row will be written.</numerusform>
            <numerusform>%Ln rows will be written.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 %Ln row(s)</source>
        <translation>
            <numerusform>%1 %Ln row</numerusform>
            <numerusform>%1 %Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> %Ln row(s) with problems (was|were) left out.</source>
        <translation>
            <numerusform> %Ln row with problems was left out.</numerusform>
            <numerusform> %Ln rows with problems were left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported from %1: it has %Ln problem(s) (was it changed after it was checked?).</source>
        <translation>
            <numerusform>Nothing was imported from %1: it has %Ln problem (was it changed after it was checked?).</numerusform>
            <numerusform>Nothing was imported from %1: it has %Ln problems (was it changed after it was checked?).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln value(s) do not keep the schema, for example: %1</source>
        <translation>
            <numerusform>%Ln value do not keep the schema, for example: %1</numerusform>
            <numerusform>%Ln values do not keep the schema, for example: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has %Ln problem(s), listed below. Nothing has been written. Correct (it|them) in the workbook and choose it again, or import only the valid rows (%2 to add, %3 to update).</source>
        <translation>
            <numerusform>%1 has %Ln problem, listed below. Nothing has been written. Correct it in the workbook and choose it again, or import only the valid rows (%2 to add, %3 to update).</numerusform>
            <numerusform>%1 has %Ln problems, listed below. Nothing has been written. Correct them in the workbook and choose it again, or import only the valid rows (%2 to add, %3 to update).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has %Ln problem(s), listed below, and no row that can be imported. Nothing has been written.</source>
        <translation>
            <numerusform>%1 has %Ln problem, listed below, and no row that can be imported. Nothing has been written.</numerusform>
            <numerusform>%1 has %Ln problems, listed below, and no row that can be imported. Nothing has been written.</numerusform>
        </translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the workbook: %1…</source>
        <translation>Writing the workbook: %1…</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Writing %1…</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>Writing the workbook…</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>Export cancelled: no file was written.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Wrote %1 (%2).</source>
        <translation>Wrote %1 (%2).</translation>
    </message>
    <message>
        <source> It holds personal data: handle it with care. This export was recorded in the history.</source>
        <translation> It holds personal data: handle it with care. This export was recorded in the history.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Could not read %1: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
    <message>
        <source>Template for local issues.xlsx</source>
        <translation>Template for local issues.xlsx</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>Save template</translation>
    </message>
    <message>
        <source>Saved the template to %1. When it comes back filled in, choose it with “Choose a workbook…”.</source>
        <translation>Saved the template to %1. When it comes back filled in, choose it with “Choose a workbook…”.</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Checking %1…</translation>
    </message>
    <message>
        <source>Checking every row of the workbook…</source>
        <translation>Checking every row of the workbook…</translation>
    </message>
    <message>
        <source>%1 is ready: %2 to add, %3 to update. Nothing has been written yet; press Import to write it.</source>
        <translation>%1 is ready: %2 to add, %3 to update. Nothing has been written yet; press Import to write it.</translation>
    </message>
    <message>
        <source>%1 holds nothing new: every row is the same as in the data.</source>
        <translation>%1 holds nothing new: every row is the same as in the data.</translation>
    </message>
    <message>
        <source>Importing the workbook…</source>
        <translation>Importing the workbook…</translation>
    </message>
    <message>
        <source>Imported %1: %2 added, %3 updated. One Undo (Ctrl+Z) takes the whole import back.</source>
        <translation>Imported %1: %2 added, %3 updated. One Undo (Ctrl+Z) takes the whole import back.</translation>
    </message>
    <message>
        <source>Nothing was changed: every row of %1 is the same as in the data.</source>
        <translation>Nothing was changed: every row of %1 is the same as in the data.</translation>
    </message>
    <message>
        <source>Folder for the open-data files</source>
        <translation>Folder for the open-data files</translation>
    </message>
    <message>
        <source>Writing the open-data files…</source>
        <translation>Writing the open-data files…</translation>
    </message>
    <message>
        <source>Wrote %1 files to %2 (no personal data).</source>
        <translation>Wrote %1 files to %2 (no personal data).</translation>
    </message>
    <message>
        <source>The columns of each file: type, required, allowed values</source>
        <translation>The columns of each file: type, required, allowed values</translation>
    </message>
    <message>
        <source>Licence (CC BY 4.0), date, contact; what is published and how personal data is kept out</source>
        <translation>Licence (CC BY 4.0), date, contact; what is published and how personal data is kept out</translation>
    </message>
    <message>
        <source>CSV files for the ward&apos;s open-data site, in the style of the national standard datasets (UTF-8, dates in western years), with a README (licence CC BY 4.0, date, contact) and the schema each file is checked against. No names of people are written: only issue titles and the wording of decisions are published, and counts of 1 or 2 are left blank with the reason beside them.</source>
        <translation>CSV files for the ward&apos;s open-data site, in the style of the national standard datasets (UTF-8, dates in western years), with a README (licence CC BY 4.0, date, contact) and the schema each file is checked against. No names of people are written: only issue titles and the wording of decisions are published, and counts of 1 or 2 are left blank with the reason beside them.</translation>
    </message>
    <message>
        <source>Co&amp;ntact named in the README:</source>
        <translation>Co&amp;ntact named in the README:</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Reading (kana)</source>
        <translation>Reading (kana)</translation>
    </message>
    <message>
        <source>Jukyo</source>
        <translation>Jukyo</translation>
    </message>
    <message>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <source>Members in total</source>
        <translation>Members in total</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Proxies</source>
        <translation>Proxies</translation>
    </message>
    <message>
        <source>Written votes</source>
        <translation>Written votes</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Signatories</source>
        <translation>Signatories</translation>
    </message>
    <message>
        <source>Next meeting</source>
        <translation>Next meeting</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Planned minutes</source>
        <translation>Planned minutes</translation>
    </message>
    <message>
        <source>Actual minutes</source>
        <translation>Actual minutes</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Raised on</source>
        <translation>Raised on</translation>
    </message>
    <message>
        <source>Raised at meeting</source>
        <translation>Raised at meeting</translation>
    </message>
    <message>
        <source>Request to the ward</source>
        <translation>Request to the ward</translation>
    </message>
    <message>
        <source>Ward&apos;s answer</source>
        <translation>Ward&apos;s answer</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>Answered on</translation>
    </message>
    <message>
        <source>Ward department</source>
        <translation>Ward department</translation>
    </message>
    <message>
        <source>Received by the ward</source>
        <translation>Received by the ward</translation>
    </message>
    <message>
        <source>Answer planned by</source>
        <translation>Answer planned by</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>Votes for</source>
        <translation>Votes for</translation>
    </message>
    <message>
        <source>Votes against</source>
        <translation>Votes against</translation>
    </message>
    <message>
        <source>Abstentions</source>
        <translation>Abstentions</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Done on</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Record exists</source>
        <extracomment>labels of stored fields no editor shows (a 視点 link&apos;s, a note&apos;s text, the tombstone)</extracomment>
        <translation>Record exists</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Viewpoint</source>
        <translation>Viewpoint</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Quorum</source>
        <translation>Quorum</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Office</translation>
    </message>
</context>
<context>
    <name>Filters</name>
    <message>
        <source>All</source>
        <extracomment>which filters each list offers vocabulary filter -&gt; the field it sets: the fields of each list&apos;s entity (core/fields.py) whose vocabulary the list offers as a filter vocabulary filters where several choices can be ticked at once (as on the Excel page) text as wide as a column&apos;s usual content, for its starting width columns hidden until the user shows them the column that stretches to take the free width</extracomment>
        <translation>All</translation>
    </message>
    <message>
        <source>Search in this list…</source>
        <translation>Search in this list…</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Residents&apos; area</source>
        <translation>Residents&apos; area</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Requests only</source>
        <translation>Requests only</translation>
    </message>
    <message>
        <source>Not requests</source>
        <translation>Not requests</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <source>e.g. R7.4.1</source>
        <translation>e.g. R7.4.1</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Viewpoint</source>
        <translation>Viewpoint</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>Search text</translation>
    </message>
    <message>
        <source>Fiscal year / dates</source>
        <translation>Fiscal year / dates</translation>
    </message>
    <message>
        <source>Nothing matches, even with any one of the filters taken away.</source>
        <translation>Nothing matches, even with any one of the filters taken away.</translation>
    </message>
    <message numerus="yes">
        <source>Without “%1”: %Ln row(s). </source>
        <translation>
            <numerusform>Without “%1”: %Ln row. </numerusform>
            <numerusform>Without “%1”: %Ln rows. </numerusform>
        </translation>
    </message>
    <message>
        <source>No row meets all these filters together. %1</source>
        <translation>No row meets all these filters together. %1</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> and %1 more</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>Write the yearly handover file</source>
        <translation>Write the yearly handover file</translation>
    </message>
    <message>
        <source>&amp;Organization</source>
        <translation>&amp;Organization</translation>
    </message>
    <message>
        <source>Fiscal &amp;year</source>
        <translation>Fiscal &amp;year</translation>
    </message>
    <message>
        <source>Save the handover file</source>
        <translation>Save the handover file</translation>
    </message>
    <message>
        <source>Handover files (*.mjhandover)</source>
        <translation>Handover files (*.mjhandover)</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported and no device was trusted. Choose the handover file again to import it.</source>
        <translation>Import cancelled: nothing was imported and no device was trusted. Choose the handover file again to import it.</translation>
    </message>
    <message>
        <source>Wrote the handover file %1 and its reading copy %2. On the new laptop, compare this device&apos;s fingerprint %3 when it is imported.</source>
        <translation>Wrote the handover file %1 and its reading copy %2. On the new laptop, compare this device&apos;s fingerprint %3 when it is imported.</translation>
    </message>
    <message numerus="yes">
        <source>Imported the handover of %1 for %2: %3 records; %Ln device(s) trusted.</source>
        <translation>
            <numerusform>Imported the handover of %1 for %2: %3 records; %Ln device trusted.</numerusform>
            <numerusform>Imported the handover of %1 for %2: %3 records; %Ln devices trusted.</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing the handover file…</source>
        <translation>Writing the handover file…</translation>
    </message>
    <message>
        <source>Cancelled: no handover file was written.</source>
        <translation>Cancelled: no handover file was written.</translation>
    </message>
    <message>
        <source>Import a handover file</source>
        <translation>Import a handover file</translation>
    </message>
    <message>
        <source>Continue from the old laptop</source>
        <translation>Continue from the old laptop</translation>
    </message>
    <message>
        <source>Importing the handover file…</source>
        <translation>Importing the handover file…</translation>
    </message>
    <message>
        <source>&amp;Name the officers and the assignees in the reading copy (personal data)</source>
        <translation>&amp;Name the officers and the assignees in the reading copy (personal data)</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>How to use Meguro Jukyo</source>
        <translation>How to use Meguro Jukyo</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Guide</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>deleted</translation>
    </message>
    <message>
        <source>exists</source>
        <translation>exists</translation>
    </message>
    <message>
        <source>History: %1</source>
        <translation>History: %1</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>After</source>
        <translation>After</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>The ward&apos;s answer: %1</source>
        <translation>The ward&apos;s answer: %1</translation>
    </message>
    <message>
        <source>Linked to a viewpoint</source>
        <translation>Linked to a viewpoint</translation>
    </message>
    <message>
        <source>Unlinked from a viewpoint</source>
        <translation>Unlinked from a viewpoint</translation>
    </message>
    <message>
        <source>Viewpoint link: %1</source>
        <translation>Viewpoint link: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s)</source>
        <translation>
            <numerusform>%Ln change</numerusform>
            <numerusform>%Ln changes</numerusform>
        </translation>
    </message>
    <message>
        <source>another device (%1)</source>
        <translation>another device (%1)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>No changes recorded.</source>
        <translation>No changes recorded.</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>Mark as read</source>
        <extracomment>the lists on screen are fresh how many answers came in that the user has not marked read</extracomment>
        <translation>Mark as read</translation>
    </message>
    <message>
        <source>New answers from the ward</source>
        <translation>New answers from the ward</translation>
    </message>
    <message>
        <source>The ward&apos;s answer…</source>
        <translation>The ward&apos;s answer…</translation>
    </message>
    <message>
        <source>(the request&apos;s department)</source>
        <translation>(the request&apos;s department)</translation>
    </message>
    <message>
        <source>(not yet routed)</source>
        <translation>(not yet routed)</translation>
    </message>
    <message>
        <source>Save the routing</source>
        <translation>Save the routing</translation>
    </message>
    <message>
        <source>Save the answer</source>
        <translation>Save the answer</translation>
    </message>
    <message>
        <source>Save the answer (Ctrl+Enter)</source>
        <translation>Save the answer (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>Request:</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Department:</translation>
    </message>
    <message>
        <source>Answer planned by:</source>
        <translation>Answer planned by:</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Received:</translation>
    </message>
    <message>
        <source>Latest progress:</source>
        <translation>Latest progress:</translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation>Answer:</translation>
    </message>
    <message>
        <source>by</source>
        <translation>by</translation>
    </message>
    <message>
        <source>Kind of answer:</source>
        <translation>Kind of answer:</translation>
    </message>
    <message>
        <source>Date of the answer:</source>
        <translation>Date of the answer:</translation>
    </message>
    <message>
        <source>Days waiting</source>
        <translation>Days waiting</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Raised</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>Viewpoints</source>
        <translation>Viewpoints</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Submitted</source>
        <extracomment>how a waiting 要望&apos;s stage in the cycle reads (stats.cycle_stage)</extracomment>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Answer planned</source>
        <translation>Answer planned</translation>
    </message>
    <message>
        <source>Progress answered</source>
        <translation>Progress answered</translation>
    </message>
    <message>
        <source>The oldest %1 are listed.</source>
        <translation>The oldest %1 are listed.</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>Answered on</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Answer planned by</source>
        <translation>Answer planned by</translation>
    </message>
    <message>
        <source>Not yet routed</source>
        <translation>Not yet routed</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) (waits|wait) for an answer, the oldest first.</source>
        <translation>
            <numerusform>%Ln request waits for an answer, the oldest first.</numerusform>
            <numerusform>%Ln requests wait for an answer, the oldest first.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 waiting)</source>
        <translation>%1 (%2 waiting)</translation>
    </message>
    <message>
        <source>%1 past the planned date</source>
        <translation>%1 past the planned date</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1 (overdue)</translation>
    </message>
    <message>
        <source>No request waits for an answer.</source>
        <translation>No request waits for an answer.</translation>
    </message>
    <message>
        <source>%1 progress answer: %2</source>
        <translation>%1 progress answer: %2</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>%1 · raised %2 · viewpoints: %3</source>
        <translation>%1 · raised %2 · viewpoints: %3</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <source>Organization</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>Agenda item</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Action item</source>
        <translation>Action item</translation>
    </message>
    <message>
        <source>Attendee</source>
        <translation>Attendee</translation>
    </message>
    <message>
        <source>Ward&apos;s answer</source>
        <translation>Ward&apos;s answer</translation>
    </message>
    <message>
        <source>Viewpoint link</source>
        <translation>Viewpoint link</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Officer</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Link to a viewpoint…</source>
        <translation>Link to a viewpoint…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 or more rows (counting…)</source>
        <translation>%1 or more rows (counting…)</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columns</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Meguro Jukyo — local issues and meetings</source>
        <extracomment>entity kind -&gt; ids changed by an edit, undo or redo (after the pages refreshed) undo/redo labels were refreshed the pages exist (they are built once organization names have loaded)</extracomment>
        <translation>Meguro Jukyo — local issues and meetings</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;New item</source>
        <translation>&amp;New item</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Search everything…</source>
        <translation>&amp;Search everything…</translation>
    </message>
    <message>
        <source>&amp;Recently opened</source>
        <translation>&amp;Recently opened</translation>
    </message>
    <message>
        <source>&amp;Check the data…</source>
        <translation>&amp;Check the data…</translation>
    </message>
    <message>
        <source>Make a &amp;backup</source>
        <translation>Make a &amp;backup</translation>
    </message>
    <message>
        <source>&amp;How to use…</source>
        <extracomment>actions that need the open store (enabled by attach)</extracomment>
        <translation>&amp;How to use…</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>Data: %1</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <source>This device: %1</source>
        <translation>This device: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s) (was|were) found:</source>
        <translation>
            <numerusform>%Ln problem was found:</numerusform>
            <numerusform>%Ln problems were found:</numerusform>
        </translation>
    </message>
    <message>
        <source>Meeting mode is open (%1). Quit and close it? A note being typed there is kept.</source>
        <translation>Meeting mode is open (%1). Quit and close it? A note being typed there is kept.</translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation>Organizations</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>Local issues</source>
        <translation>Local issues</translation>
    </message>
    <message>
        <source>Meeting notes</source>
        <translation>Meeting notes</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>Action items</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Policy viewpoints</source>
        <translation>Policy viewpoints</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message numerus="yes">
        <source>Requests (%Ln new answer(s))</source>
        <translation>
            <numerusform>Requests (%Ln new answer)</numerusform>
            <numerusform>Requests (%Ln new answers)</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete “%1”? You can undo this with Ctrl+Z.</source>
        <translation>Delete “%1”? You can undo this with Ctrl+Z.</translation>
    </message>
    <message>
        <source>&amp;Undo: %1</source>
        <translation>&amp;Undo: %1</translation>
    </message>
    <message>
        <source>&amp;Redo: %1</source>
        <translation>&amp;Redo: %1</translation>
    </message>
    <message>
        <source>Checking the data…</source>
        <translation>Checking the data…</translation>
    </message>
    <message>
        <source>No problems were found.</source>
        <translation>No problems were found.</translation>
    </message>
    <message>
        <source>Check the data</source>
        <translation>Check the data</translation>
    </message>
    <message>
        <source>Backup made: %1</source>
        <translation>Backup made: %1</translation>
    </message>
    <message>
        <source>Meguro Jukyo: local issues, meetings and the ward plan&apos;s policy viewpoints, for Meguro&apos;s residents&apos; councils and neighbourhood associations.</source>
        <translation>Meguro Jukyo: local issues, meetings and the ward plan&apos;s policy viewpoints, for Meguro&apos;s residents&apos; councils and neighbourhood associations.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>An editor has unsaved changes. Quit anyway?</source>
        <translation>An editor has unsaved changes. Quit anyway?</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>S&amp;ync…</source>
        <translation>S&amp;ync…</translation>
    </message>
    <message>
        <source>Import sync files…</source>
        <translation>Import sync files…</translation>
    </message>
    <message>
        <source>Export my changes…</source>
        <translation>Export my changes…</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <source>E&amp;xcel…</source>
        <translation>E&amp;xcel…</translation>
    </message>
    <message>
        <source>Export Excel workbook…</source>
        <translation>Export Excel workbook…</translation>
    </message>
    <message>
        <source>Save Excel template…</source>
        <translation>Save Excel template…</translation>
    </message>
    <message>
        <source>Import Excel workbook…</source>
        <translation>Import Excel workbook…</translation>
    </message>
    <message>
        <source>Export open data…</source>
        <translation>Export open data…</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>S&amp;ummary</source>
        <translation>S&amp;ummary</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>&amp;Requests to the ward</source>
        <translation>&amp;Requests to the ward</translation>
    </message>
    <message>
        <source>Since the last meeting</source>
        <translation>Since the last meeting</translation>
    </message>
    <message>
        <source>Since the &amp;last meeting</source>
        <translation>Since the &amp;last meeting</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Import report</translation>
    </message>
    <message>
        <source>Viewpoint text</source>
        <translation>Viewpoint text</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
</context>
<context>
    <name>MeetingMode</name>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>&amp;Decision:</source>
        <translation>&amp;Decision:</translation>
    </message>
    <message>
        <source>&amp;How:</source>
        <translation>&amp;How:</translation>
    </message>
    <message>
        <source>Votes &amp;for:</source>
        <translation>Votes &amp;for:</translation>
    </message>
    <message>
        <source>Votes a&amp;gainst:</source>
        <translation>Votes a&amp;gainst:</translation>
    </message>
    <message>
        <source>Abs&amp;taining:</source>
        <translation>Abs&amp;taining:</translation>
    </message>
    <message>
        <source>A dissenting opinion, if any</source>
        <translation>A dissenting opinion, if any</translation>
    </message>
    <message>
        <source>&amp;Minority opinion:</source>
        <translation>&amp;Minority opinion:</translation>
    </message>
    <message>
        <source>for %1 / against %2 / abstaining %3</source>
        <translation>for %1 / against %2 / abstaining %3</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Enter what was decided.</source>
        <translation>Enter what was decided.</translation>
    </message>
    <message>
        <source>&amp;Save anyway</source>
        <translation>&amp;Save anyway</translation>
    </message>
    <message>
        <source>Action item</source>
        <translation>Action item</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>&amp;What:</translation>
    </message>
    <message>
        <source>W&amp;ho:</source>
        <translation>W&amp;ho:</translation>
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation>&amp;Due:</translation>
    </message>
    <message>
        <source>Enter what is to be done.</source>
        <translation>Enter what is to be done.</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Text:</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>Agenda item</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>&amp;Planned time:</source>
        <translation>&amp;Planned time:</translation>
    </message>
    <message>
        <source>Carry over to this agenda</source>
        <translation>Carry over to this agenda</translation>
    </message>
    <message>
        <source>Agenda title (F2 edits)</source>
        <translation>Agenda title (F2 edits)</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>Continued</source>
        <translation>Continued</translation>
    </message>
    <message>
        <source>Open action</source>
        <translation>Open action</translation>
    </message>
    <message>
        <source>Nothing to carry over from earlier meetings.</source>
        <translation>Nothing to carry over from earlier meetings.</translation>
    </message>
    <message>
        <source>Meeting mode</source>
        <extracomment>what the projector shows changed (a ProjectorState) (planned seconds, elapsed seconds) of the current item, every tick the meeting was read (or re-read) from the store a note (or decision) was committed an action item was committed the draft text was saved the meeting&apos;s status changed (new status code) minutes were written (list of paths)</extracomment>
        <translation>Meeting mode</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>&amp;Add item</source>
        <translation>&amp;Add item</translation>
    </message>
    <message>
        <source>&amp;Carry over…</source>
        <translation>&amp;Carry over…</translation>
    </message>
    <message>
        <source>Up (Alt+↑)</source>
        <translation>Up (Alt+↑)</translation>
    </message>
    <message>
        <source>Down (Alt+↓)</source>
        <translation>Down (Alt+↓)</translation>
    </message>
    <message>
        <source>◀ Previous item (Alt+←)</source>
        <translation>◀ Previous item (Alt+←)</translation>
    </message>
    <message>
        <source>Next item (Alt+→) ▶</source>
        <translation>Next item (Alt+→) ▶</translation>
    </message>
    <message>
        <source>F9  Action item</source>
        <translation>F9  Action item</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Membe&amp;rs:</source>
        <translation>Membe&amp;rs:</translation>
    </message>
    <message>
        <source>Presen&amp;t:</source>
        <translation>Presen&amp;t:</translation>
    </message>
    <message>
        <source>Pro&amp;xies:</source>
        <translation>Pro&amp;xies:</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>&amp;Open the meeting</source>
        <translation>&amp;Open the meeting</translation>
    </message>
    <message>
        <source>Clos&amp;e the meeting</source>
        <translation>Clos&amp;e the meeting</translation>
    </message>
    <message>
        <source>&amp;Finalise the minutes</source>
        <translation>&amp;Finalise the minutes</translation>
    </message>
    <message>
        <source>&amp;Minutes (PDF and Excel)…</source>
        <translation>&amp;Minutes (PDF and Excel)…</translation>
    </message>
    <message>
        <source>&amp;Projector window</source>
        <translation>&amp;Projector window</translation>
    </message>
    <message>
        <source>F1–F8 note · F9 action · F10 pause/resume · Alt+←/→ items · Ctrl+Z undo · ↑ in the empty box: edit the last note · Del: delete the selected note · Esc / Ctrl+W close meeting mode · Ctrl+F1 guide</source>
        <translation>F1–F8 note · F9 action · F10 pause/resume · Alt+←/→ items · Ctrl+Z undo · ↑ in the empty box: edit the last note · Del: delete the selected note · Esc / Ctrl+W close meeting mode · Ctrl+F1 guide</translation>
    </message>
    <message>
        <source>Meeting mode — %1</source>
        <translation>Meeting mode — %1</translation>
    </message>
    <message>
        <source>Quorum reached</source>
        <translation>Quorum reached</translation>
    </message>
    <message>
        <source>No quorum</source>
        <translation>No quorum</translation>
    </message>
    <message>
        <source>%1 attending, %2 needed (%3)</source>
        <translation>%1 attending, %2 needed (%3)</translation>
    </message>
    <message>
        <source>Add an agenda item to begin (Alt+A).</source>
        <translation>Add an agenda item to begin (Alt+A).</translation>
    </message>
    <message>
        <source>Item %1 of %2: %3</source>
        <translation>Item %1 of %2: %3</translation>
    </message>
    <message>
        <source>&amp;Note — %1 (Enter records it)</source>
        <translation>&amp;Note — %1 (Enter records it)</translation>
    </message>
    <message>
        <source>Pause (F10)</source>
        <translation>Pause (F10)</translation>
    </message>
    <message>
        <source>Resume (F10)</source>
        <translation>Resume (F10)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Action item added: %1</source>
        <translation>Action item added: %1</translation>
    </message>
    <message>
        <source>%1
Open the meeting anyway? Decisions taken in it are marked in the minutes as taken without a quorum.</source>
        <translation>%1
Open the meeting anyway? Decisions taken in it are marked in the minutes as taken without a quorum.</translation>
    </message>
    <message>
        <source>%1
Open the meeting anyway?</source>
        <translation>%1
Open the meeting anyway?</translation>
    </message>
    <message>
        <source>Not taken up (the minutes will say 審議せず):</source>
        <translation>Not taken up (the minutes will say 審議せず):</translation>
    </message>
    <message>
        <source>Close the meeting</source>
        <translation>Close the meeting</translation>
    </message>
    <message>
        <source>Close the meeting now? The clock stops and notes can no longer be captured here.</source>
        <translation>Close the meeting now? The clock stops and notes can no longer be captured here.</translation>
    </message>
    <message>
        <source>Who: %1</source>
        <translation>Who: %1</translation>
    </message>
    <message>
        <source>Due: %1</source>
        <translation>Due: %1</translation>
    </message>
    <message>
        <source>⚠ Overdue</source>
        <translation>⚠ Overdue</translation>
    </message>
    <message>
        <source>Space ticks an item, F2 edits its title, Enter adds the ticked items.</source>
        <translation>Space ticks an item, F2 edits its title, Enter adds the ticked items.</translation>
    </message>
    <message>
        <source>Finalise the minutes</source>
        <translation>Finalise the minutes</translation>
    </message>
    <message>
        <source>Finalise the minutes? Changes made afterwards are listed in the minutes as amendments (確定後の修正).</source>
        <translation>Finalise the minutes? Changes made afterwards are listed in the minutes as amendments (確定後の修正).</translation>
    </message>
    <message>
        <source>Folder for the minutes</source>
        <translation>Folder for the minutes</translation>
    </message>
    <message>
        <source>Reading the meeting…</source>
        <translation>Reading the meeting…</translation>
    </message>
    <message>
        <source>Writing the Excel minutes…</source>
        <translation>Writing the Excel minutes…</translation>
    </message>
    <message>
        <source>Writing the PDF minutes…</source>
        <translation>Writing the PDF minutes…</translation>
    </message>
    <message>
        <source>Minutes written: %1</source>
        <translation>Minutes written: %1</translation>
    </message>
    <message>
        <source>Writing the minutes…</source>
        <translation>Writing the minutes…</translation>
    </message>
    <message>
        <source>Add an action item</source>
        <translation>Add an action item</translation>
    </message>
    <message>
        <source>Pause or resume the meeting</source>
        <translation>Pause or resume the meeting</translation>
    </message>
    <message>
        <source>Next agenda item</source>
        <translation>Next agenda item</translation>
    </message>
    <message>
        <source>Previous agenda item</source>
        <translation>Previous agenda item</translation>
    </message>
    <message>
        <source>Move the selected item up</source>
        <translation>Move the selected item up</translation>
    </message>
    <message>
        <source>Move the selected item down</source>
        <translation>Move the selected item down</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>This guide</source>
        <translation>This guide</translation>
    </message>
    <message>
        <source>Print the minutes and papers</source>
        <translation>Print the minutes and papers</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Record what was typed</source>
        <translation>Record what was typed</translation>
    </message>
    <message>
        <source>↑ in the empty box</source>
        <translation>↑ in the empty box</translation>
    </message>
    <message>
        <source>Edit the last note</source>
        <translation>Edit the last note</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>Delete the selected note</source>
        <translation>Delete the selected note</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>Undone: %1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>Redone: %1</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>Deleted (Ctrl+Z brings it back).</source>
        <translation>Deleted (Ctrl+Z brings it back).</translation>
    </message>
    <message>
        <source>Close meeting mode</source>
        <translation>Close meeting mode</translation>
    </message>
    <message>
        <source>A note is being typed. Close meeting mode? The text is kept and comes back when meeting mode is opened on this meeting again.</source>
        <translation>A note is being typed. Close meeting mode? The text is kept and comes back when meeting mode is opened on this meeting again.</translation>
    </message>
    <message>
        <source>&amp;Meeting mode…</source>
        <translation>&amp;Meeting mode…</translation>
    </message>
    <message>
        <source>Choose a meeting in the list first.</source>
        <translation>Choose a meeting in the list first.</translation>
    </message>
    <message>
        <source>PDF/A-1&amp;b for the archive</source>
        <translation>PDF/A-1&amp;b for the archive</translation>
    </message>
    <message>
        <source>Write the PDF minutes as PDF/A-1b, the format archives keep for the long term. It opens like any other PDF.</source>
        <translation>Write the PDF minutes as PDF/A-1b, the format archives keep for the long term. It opens like any other PDF.</translation>
    </message>
    <message>
        <source>%1:</source>
        <comment>the body a quorum is counted over, named by the meeting type</comment>
        <translation>%1:</translation>
    </message>
    <message>
        <source>Since the last meeting</source>
        <translation>Since the last meeting</translation>
    </message>
    <message>
        <source>Enter: make it an agenda item</source>
        <translation>Enter: make it an agenda item</translation>
    </message>
    <message>
        <source>The agenda can only change before the meeting is closed.</source>
        <translation>The agenda can only change before the meeting is closed.</translation>
    </message>
    <message>
        <source>Notes of this item</source>
        <translation>Notes of this item</translation>
    </message>
</context>
<context>
    <name>MeetingOfficers</name>
    <message>
        <source>Chair and signers of the minutes</source>
        <translation>Chair and signers of the minutes</translation>
    </message>
    <message>
        <source>The chair and the signers sign and seal the minutes.</source>
        <translation>The chair and the signers sign and seal the minutes.</translation>
    </message>
    <message>
        <source>&amp;Chair:</source>
        <translation>&amp;Chair:</translation>
    </message>
    <message>
        <source>&amp;Signer %1:</source>
        <translation>&amp;Signer %1:</translation>
    </message>
    <message>
        <source>C&amp;hoose the chair and signers…</source>
        <translation>C&amp;hoose the chair and signers…</translation>
    </message>
    <message>
        <source>Written &amp;votes:</source>
        <translation>Written &amp;votes:</translation>
    </message>
    <message>
        <source>Chair: %1
Signers: %2</source>
        <translation>Chair: %1
Signers: %2</translation>
    </message>
    <message>
        <source>No chair or signers chosen yet: choose them at the start.</source>
        <translation>No chair or signers chosen yet: choose them at the start.</translation>
    </message>
</context>
<context>
    <name>Policy</name>
    <message>
        <source>Ward basic plan: policy framework</source>
        <translation>Ward basic plan: policy framework</translation>
    </message>
    <message>
        <source>Choose a viewpoint to see the issues linked to it.</source>
        <translation>Choose a viewpoint to see the issues linked to it.</translation>
    </message>
    <message>
        <source>Issues linked to viewpoint %1: %2</source>
        <translation>Issues linked to viewpoint %1: %2</translation>
    </message>
    <message>
        <source>Reason for the link</source>
        <translation>Reason for the link</translation>
    </message>
    <message>
        <source>Viewpoint: %1</source>
        <translation>Viewpoint: %1</translation>
    </message>
    <message>
        <source>Link to a policy viewpoint</source>
        <translation>Link to a policy viewpoint</translation>
    </message>
    <message>
        <source>Use this suggestion</source>
        <translation>Use this suggestion</translation>
    </message>
    <message>
        <source> (match %1%)</source>
        <translation> (match %1%)</translation>
    </message>
    <message>
        <source>No suggestion for this text.</source>
        <translation>No suggestion for this text.</translation>
    </message>
    <message>
        <source>Why this viewpoint (a short reason)</source>
        <translation>Why this viewpoint (a short reason)</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Suggested viewpoints (computed from the text; nothing is linked until you choose Link):</source>
        <translation>Suggested viewpoints (computed from the text; nothing is linked until you choose Link):</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Already linked to %1. Choose another viewpoint.</source>
        <translation>Already linked to %1. Choose another viewpoint.</translation>
    </message>
    <message>
        <source>Choose a viewpoint (施策立案の視点) or one of its ○ items.</source>
        <translation>Choose a viewpoint (施策立案の視点) or one of its ○ items.</translation>
    </message>
    <message>
        <source>Link to: %1</source>
        <translation>Link to: %1</translation>
    </message>
    <message>
        <source>Looking for suggestions…</source>
        <translation>Looking for suggestions…</translation>
    </message>
    <message>
        <source>words: %1</source>
        <translation>words: %1</translation>
    </message>
    <message>
        <source>plan text: %1</source>
        <translation>plan text: %1</translation>
    </message>
    <message>
        <source>similar issue: %1</source>
        <translation>similar issue: %1</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Minutes (議事録)</source>
        <translation>Minutes (議事録)</translation>
    </message>
    <message>
        <source>Agenda (次第)</source>
        <translation>Agenda (次第)</translation>
    </message>
    <message>
        <source>Sign-in sheet (出席簿)</source>
        <translation>Sign-in sheet (出席簿)</translation>
    </message>
    <message>
        <source>Circular (回覧板)</source>
        <translation>Circular (回覧板)</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>Paper:</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Written: %1</translation>
    </message>
    <message>
        <source>&amp;Open the file</source>
        <translation>&amp;Open the file</translation>
    </message>
    <message>
        <source>Open the &amp;folder</source>
        <translation>Open the &amp;folder</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Choose a meeting in the list first.</source>
        <translation>Choose a meeting in the list first.</translation>
    </message>
    <message>
        <source>Agenda, after what happened since the last meeting (前回からの経過)</source>
        <translation>Agenda, after what happened since the last meeting (前回からの経過)</translation>
    </message>
</context>
<context>
    <name>Projector</name>
    <message>
        <source>Meeting — projector</source>
        <translation>Meeting — projector</translation>
    </message>
    <message>
        <source>Item %1 of %2: %3</source>
        <translation>Item %1 of %2: %3</translation>
    </message>
    <message>
        <source>No agenda item yet</source>
        <translation>No agenda item yet</translation>
    </message>
    <message>
        <source>Draft decision: %1</source>
        <translation>Draft decision: %1</translation>
    </message>
    <message>
        <source>Over time %1</source>
        <translation>Over time %1</translation>
    </message>
    <message>
        <source>Time left %1</source>
        <translation>Time left %1</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>File Folder</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 File</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Drive</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Files of &amp;type:</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Page &amp;Set:</source>
        <translation>Page &amp;Set:</translation>
    </message>
    <message>
        <source>Double Sided Printing</source>
        <translation>Double Sided Printing</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>Long side binding</source>
        <translation>Long side binding</translation>
    </message>
    <message>
        <source>Short side binding</source>
        <translation>Short side binding</translation>
    </message>
    <message>
        <source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source>
        <translation>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>Results</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Search everything</source>
        <extracomment>results for the current text arrived (the number of hits)</extracomment>
        <translation>Search everything</translation>
    </message>
    <message>
        <source>Words to look for (2 characters are enough: 防災, 公園…)</source>
        <translation>Words to look for (2 characters are enough: 防災, 公園…)</translation>
    </message>
    <message>
        <source> (showing the newest %1)</source>
        <translation> (showing the newest %1)</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>Nothing found.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Japanese era (令和7年4月1日)</source>
        <translation>Japanese era (令和7年4月1日)</translation>
    </message>
    <message>
        <source>Western (2025年4月1日)</source>
        <translation>Western (2025年4月1日)</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Large (for meeting rooms and projectors)</source>
        <translation>Large (for meeting rooms and projectors)</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Now open: %1</source>
        <translation>Now open: %1</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>Data file</translation>
    </message>
    <message>
        <source>Dates and text size change at once; language and data file take effect the next time the app starts.</source>
        <translation>Dates and text size change at once; language and data file take effect the next time the app starts.</translation>
    </message>
    <message>
        <source>Meguro Jukyo data (*.sqlite3)</source>
        <translation>Meguro Jukyo data (*.sqlite3)</translation>
    </message>
</context>
<context>
    <name>Since</name>
    <message>
        <source>The organization&apos;s first meeting: everything still open is listed.</source>
        <translation>The organization&apos;s first meeting: everything still open is listed.</translation>
    </message>
    <message>
        <source>Since %1 (%2)</source>
        <translation>Since %1 (%2)</translation>
    </message>
    <message>
        <source>Enter or double click: make it an agenda item of the meeting</source>
        <translation>Enter or double click: make it an agenda item of the meeting</translation>
    </message>
    <message>
        <source>%1 — on the agenda</source>
        <translation>%1 — on the agenda</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, due %2</source>
        <translation>%1, due %2</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1 (overdue)</translation>
    </message>
    <message>
        <source>Open action items (%1)</source>
        <translation>Open action items (%1)</translation>
    </message>
    <message>
        <source>Action items done since (%1)</source>
        <translation>Action items done since (%1)</translation>
    </message>
    <message>
        <source>%1 (done %2)</source>
        <translation>%1 (done %2)</translation>
    </message>
    <message>
        <source>Issues whose status changed (%1)</source>
        <translation>Issues whose status changed (%1)</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <source>Answers from the ward (%1)</source>
        <translation>Answers from the ward (%1)</translation>
    </message>
    <message>
        <source>%1: %2 of %3 (%4): %5</source>
        <translation>%1: %2 of %3 (%4): %5</translation>
    </message>
    <message>
        <source>Continued deliberation (%1)</source>
        <translation>Continued deliberation (%1)</translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation>%1 (from %2)</translation>
    </message>
    <message>
        <source>Since the last meeting</source>
        <translation>Since the last meeting</translation>
    </message>
    <message>
        <source>&amp;Add to the agenda (Enter)</source>
        <translation>&amp;Add to the agenda (Enter)</translation>
    </message>
    <message>
        <source>&amp;Print the agenda with this page first…</source>
        <translation>&amp;Print the agenda with this page first…</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>&amp;Organization:</translation>
    </message>
    <message>
        <source>For the &amp;meeting:</source>
        <translation>For the &amp;meeting:</translation>
    </message>
    <message>
        <source>No meeting of this organization is planned. Add its next meeting on the Meetings page, then prepare it here.</source>
        <translation>No meeting of this organization is planned. Add its next meeting on the Meetings page, then prepare it here.</translation>
    </message>
    <message>
        <source>Nothing happened since the last meeting.</source>
        <translation>Nothing happened since the last meeting.</translation>
    </message>
    <message>
        <source>Choose an entry under a heading first.</source>
        <translation>Choose an entry under a heading first.</translation>
    </message>
    <message>
        <source>Added to the agenda: %1</source>
        <translation>Added to the agenda: %1</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>Held (untrusted device)</source>
        <translation>Held (untrusted device)</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) (is|are) held. Trust the device&apos;s card (after comparing its fingerprint) to import (it|them); %1 can be imported now.</source>
        <translation>
            <numerusform>%Ln file is held. Trust the device&apos;s card (after comparing its fingerprint) to import it; %1 can be imported now.</numerusform>
            <numerusform>%Ln files are held. Trust the device&apos;s card (after comparing its fingerprint) to import them; %1 can be imported now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln record(s) to %1.</source>
        <translation>
            <numerusform>Exported %Ln record to %1.</numerusform>
            <numerusform>Exported %Ln records to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> %Ln held file(s) from it can be imported now (Import now).</source>
        <translation>
            <numerusform> %Ln held file from it can be imported now (Import now).</numerusform>
            <numerusform> %Ln held files from it can be imported now (Import now).</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing %1 (%2 of %3)…</source>
        <translation>Importing %1 (%2 of %3)…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>Parallel</source>
        <translation>Parallel</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <extracomment>the number of open conflicts, after each load a conflict was settled (the Conflict as it was); the store changed</extracomment>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation>Device ID</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Device trusted</source>
        <translation>Device trusted</translation>
    </message>
    <message>
        <source>Yes: can be imported</source>
        <translation>Yes: can be imported</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>This device</translation>
    </message>
    <message>
        <source>e.g. Komaba council, secretary&apos;s laptop</source>
        <translation>e.g. Komaba council, secretary&apos;s laptop</translation>
    </message>
    <message>
        <source>e.g. 駒場住区住民会議</source>
        <translation>e.g. 駒場住区住民会議</translation>
    </message>
    <message>
        <source>Name of this device</source>
        <translation>Name of this device</translation>
    </message>
    <message>
        <source>This is the ward office&apos;s store (it hands out the ward bundle)</source>
        <translation>This is the ward office&apos;s store (it hands out the ward bundle)</translation>
    </message>
    <message>
        <source>Trust a device</source>
        <translation>Trust a device</translation>
    </message>
    <message>
        <source>Packages signed by this device will be imported without asking. Before trusting it, call or meet the person who uses it: ask them to open 同期 on their device and read its fingerprint aloud, group by group, while you compare it with the one below.</source>
        <translation>Packages signed by this device will be imported without asking. Before trusting it, call or meet the person who uses it: ask them to open 同期 on their device and read its fingerprint aloud, group by group, while you compare it with the one below.</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <source>We read the fingerprint aloud and every group matches</source>
        <translation>We read the fingerprint aloud and every group matches</translation>
    </message>
    <message>
        <source>Trust this device</source>
        <translation>Trust this device</translation>
    </message>
    <message>
        <source>Exchange files</source>
        <extracomment>the lists above were reloaded an export finished (core ExportResult) an import finished and its report is shown (core ImportReport) a device card was read; the TrustDialog asking to compare its fingerprint is open writing or importing a handover file was cancelled (nothing was written); the message shown a device is trusted now (its DeviceCard) this store is a new device now (its new DeviceCard)</extracomment>
        <translation>Exchange files</translation>
    </message>
    <message>
        <source>Devices and held files</source>
        <translation>Devices and held files</translation>
    </message>
    <message>
        <source>Read this fingerprint aloud when the ward (or another device) trusts this device&apos;s card.</source>
        <translation>Read this fingerprint aloud when the ward (or another device) trusts this device&apos;s card.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Name and organization…</source>
        <translation>Name and organization…</translation>
    </message>
    <message>
        <source>Save device card…</source>
        <translation>Save device card…</translation>
    </message>
    <message>
        <source>Make this a new device…</source>
        <translation>Make this a new device…</translation>
    </message>
    <message>
        <source>A new device ID and key, for a store copied here without its key file.</source>
        <translation>A new device ID and key, for a store copied here without its key file.</translation>
    </message>
    <message>
        <source>Sync files</source>
        <translation>Sync files</translation>
    </message>
    <message>
        <source>Export my changes…</source>
        <translation>Export my changes…</translation>
    </message>
    <message>
        <source>Every record this device created or changed, deletions included.</source>
        <translation>Every record this device created or changed, deletions included.</translation>
    </message>
    <message>
        <source>Export everything…</source>
        <translation>Export everything…</translation>
    </message>
    <message>
        <source>The whole store, e.g. to set up another device.</source>
        <translation>The whole store, e.g. to set up another device.</translation>
    </message>
    <message>
        <source>Export the ward bundle…</source>
        <translation>Export the ward bundle…</translation>
    </message>
    <message>
        <source>The ward&apos;s records and answers, for the laptops to import.</source>
        <translation>The ward&apos;s records and answers, for the laptops to import.</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>Import files…</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>Import a folder…</translation>
    </message>
    <message>
        <source>Every .mjsync file in the folder; copies and half-written files are reported, the rest imported.</source>
        <translation>Every .mjsync file in the folder; copies and half-written files are reported, the rest imported.</translation>
    </message>
    <message>
        <source>Write the yearly handover…</source>
        <translation>Write the yearly handover…</translation>
    </message>
    <message>
        <source>For the new officers: every record, the devices this one trusts and the year&apos;s summary, in one file their laptop imports.</source>
        <translation>For the new officers: every record, the devices this one trusts and the year&apos;s summary, in one file their laptop imports.</translation>
    </message>
    <message>
        <source>Import a handover…</source>
        <translation>Import a handover…</translation>
    </message>
    <message>
        <source>Trust a device card…</source>
        <translation>Trust a device card…</translation>
    </message>
    <message>
        <source>Import now</source>
        <translation>Import now</translation>
    </message>
    <message>
        <source>Import the held files whose devices are trusted now.</source>
        <translation>Import the held files whose devices are trusted now.</translation>
    </message>
    <message>
        <source>Trusted devices</source>
        <translation>Trusted devices</translation>
    </message>
    <message>
        <source>Held files (from devices not trusted yet)</source>
        <translation>Held files (from devices not trusted yet)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>No files are held.</source>
        <translation>No files are held.</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>Conflicts (%1)</translation>
    </message>
    <message>
        <source>Make this a new device</source>
        <translation>Make this a new device</translation>
    </message>
    <message>
        <source>Give this store a new device ID and key? Use this when the store was copied here without its key file. The ward and the other devices must trust the new device card before they take its files; files already written stay under the old ID.</source>
        <translation>Give this store a new device ID and key? Use this when the store was copied here without its key file. The ward and the other devices must trust the new device card before they take its files; files already written stay under the old ID.</translation>
    </message>
    <message>
        <source>This is a new device now (ID %1 → %2). Save its device card and have the ward trust it.</source>
        <translation>This is a new device now (ID %1 → %2). Save its device card and have the ward trust it.</translation>
    </message>
    <message>
        <source>Save device card</source>
        <translation>Save device card</translation>
    </message>
    <message>
        <source>Device cards (*.mjcard *.json)</source>
        <translation>Device cards (*.mjcard *.json)</translation>
    </message>
    <message>
        <source>Saved the device card to %1. Fingerprint: %2 (read it aloud with whoever trusts it).</source>
        <translation>Saved the device card to %1. Fingerprint: %2 (read it aloud with whoever trusts it).</translation>
    </message>
    <message>
        <source>Export sync file</source>
        <translation>Export sync file</translation>
    </message>
    <message>
        <source>Sync files (*.mjsync)</source>
        <translation>Sync files (*.mjsync)</translation>
    </message>
    <message>
        <source>Writing the sync file…</source>
        <translation>Writing the sync file…</translation>
    </message>
    <message>
        <source>Import sync files</source>
        <translation>Import sync files</translation>
    </message>
    <message>
        <source>Import every sync file in a folder</source>
        <translation>Import every sync file in a folder</translation>
    </message>
    <message>
        <source>Importing sync files…</source>
        <translation>Importing sync files…</translation>
    </message>
    <message>
        <source>Importing held files…</source>
        <translation>Importing held files…</translation>
    </message>
    <message>
        <source>%1 files: %2 imported, %3 duplicates, %4 held, %5 rejected. Records: %6 new, %7 updated, %8 unchanged, %9 parallel updates, %10 conflicts.</source>
        <translation>%1 files: %2 imported, %3 duplicates, %4 held, %5 rejected. Records: %6 new, %7 updated, %8 unchanged, %9 parallel updates, %10 conflicts.</translation>
    </message>
    <message>
        <source> Cancelled: the files not listed were not imported.</source>
        <translation> Cancelled: the files not listed were not imported.</translation>
    </message>
    <message>
        <source>Open a device card</source>
        <translation>Open a device card</translation>
    </message>
    <message>
        <source>Trusted %1.</source>
        <translation>Trusted %1.</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Cancel</source>
        <extracomment>emitted when the lane goes from idle to busy (True) and back (False)</extracomment>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>Something went wrong inside the app. Your data is safe; please report this:

%1</source>
        <translation>Something went wrong inside the app. Your data is safe; please report this:

%1</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>This app keeps the local issues, meetings and notes of Meguro&apos;s residents&apos; councils and neighbourhood associations, and links them to the ward basic plan&apos;s policy viewpoints.
Before you start, give this computer a name (it appears on the data it writes, so that the ward can tell laptops apart) and choose the organization it works for.</source>
        <translation>This app keeps the local issues, meetings and notes of Meguro&apos;s residents&apos; councils and neighbourhood associations, and links them to the ward basic plan&apos;s policy viewpoints.
Before you start, give this computer a name (it appears on the data it writes, so that the ward can tell laptops apart) and choose the organization it works for.</translation>
    </message>
    <message>
        <source>e.g. Komaba council, secretary&apos;s laptop</source>
        <translation>e.g. Komaba council, secretary&apos;s laptop</translation>
    </message>
    <message>
        <source>Type part of the name or its reading (e.g. ゆめん)</source>
        <translation>Type part of the name or its reading (e.g. ゆめん)</translation>
    </message>
    <message>
        <source>No 地区</source>
        <translation>No 地区</translation>
    </message>
    <message>
        <source>Nothing chosen: you can choose it later.</source>
        <translation>Nothing chosen: you can choose it later.</translation>
    </message>
    <message>
        <source>Name of this device</source>
        <translation>Name of this device</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organization</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Load sample data…</source>
        <translation>Load sample data…</translation>
    </message>
    <message>
        <source>To try the app first, load sample data: a few made-up organizations, meetings, issues and notes. You can delete them later.</source>
        <translation>To try the app first, load sample data: a few made-up organizations, meetings, issues and notes. You can delete them later.</translation>
    </message>
    <message>
        <source>Sample data is not available in this version.</source>
        <translation>Sample data is not available in this version.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Sample data loaded: %1. Choose the organization to start with, then Start.</source>
        <translation>Sample data loaded: %1. Choose the organization to start with, then Start.</translation>
    </message>
    <message>
        <source>Sample data loaded.</source>
        <translation>Sample data loaded.</translation>
    </message>
    <message>
        <source>Loading sample data…</source>
        <translation>Loading sample data…</translation>
    </message>
    <message>
        <source>Enter a name for this device.</source>
        <translation>Enter a name for this device.</translation>
    </message>
</context>
</TS>
