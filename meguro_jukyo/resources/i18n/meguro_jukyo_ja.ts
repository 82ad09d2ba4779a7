<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>A11y</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>from</source>
        <translation>から</translation>
    </message>
    <message>
        <source>to</source>
        <translation>まで</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <source>About</source>
        <translation>このアプリについて</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>データフォルダー</translation>
    </message>
    <message>
        <source>Data in use</source>
        <translation>使用中のデータ</translation>
    </message>
    <message>
        <source>(not open)</source>
        <translation>（開いていません）</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The data is already open in another window.</source>
        <translation>このデータは別のウィンドウで開かれています。</translation>
    </message>
    <message>
        <source>The data could not be opened.</source>
        <translation>データを開けませんでした。</translation>
    </message>
    <message>
        <source>Meguro Jukyo</source>
        <translation>目黒住区アプリ</translation>
    </message>
    <message>
        <source>Backup made: %1</source>
        <translation>バックアップを作成しました: %1</translation>
    </message>
    <message>
        <source>The data file has problems:
%1

Close the app and restore a backup with `meguro-jukyo restore`.</source>
        <translation>データファイルに問題が見つかりました:
%1

アプリを閉じて、`meguro-jukyo restore` でバックアップから戻してください。</translation>
    </message>
</context>
<context>
    <name>Column</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>よみ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Jukyo</source>
        <translation>住区</translation>
    </message>
    <message>
        <source>District</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>会議の種類</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Raised on</source>
        <translation>提起日</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分野</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>優先度</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>要望</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>回答日</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>記録日時</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>決定の方法</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完了日</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <source>Planned (min)</source>
        <translation>予定（分）</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役職</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出欠</translation>
    </message>
    <message>
        <source>Viewpoint</source>
        <translation>視点</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>○項目</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>役職</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>(the record was deleted)</source>
        <extracomment>field kinds (fields.FIELDS) a person can type a merged value for; others keep one value</extracomment>
        <translation>（この記録は削除されました）</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>exists</source>
        <translation>あり</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>%1 (this device)</source>
        <translation>%1（この端末）</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Written on</source>
        <translation>書いた端末</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新の日時</translation>
    </message>
    <message>
        <source> (deleted)</source>
        <translation>（削除済み）</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>端末: %1</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>日時: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln open conflict(s)</source>
        <translation>
            <numerusform>未解決の競合 %Ln 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Write a merged value</source>
        <translation>値をまとめて書く</translation>
    </message>
    <message>
        <source>%1 of “%2”: write the value to keep. It replaces every competing value, on every device it reaches.</source>
        <translation>「%2」の%1: 残す値を書いてください。この値が、届いた先のどの端末でも、競合しているすべての値に置き換わります。</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>元にする値:</translation>
    </message>
    <message>
        <source>Write a merged value…</source>
        <translation>値をまとめて書く…</translation>
    </message>
    <message>
        <source>No open conflicts: every field has one value.</source>
        <translation>未解決の競合はありません（どの項目も値は一つです）。</translation>
    </message>
    <message>
        <source>Choose a conflict to see its values side by side.</source>
        <translation>競合を選ぶと、値を並べて表示します。</translation>
    </message>
    <message>
        <source>%1: “%2” — %3</source>
        <translation>%1「%2」の%3</translation>
    </message>
    <message>
        <source>These values were written at the same time on different devices. The newest is in effect everywhere; the others are kept here until someone chooses.</source>
        <translation>これらの値は、別々の端末で同じころに書かれました。いちばん新しい値がどの端末でも有効になっています。ほかの値は、誰かが選ぶまでここに残ります。</translation>
    </message>
    <message>
        <source>In effect</source>
        <translation>有効な値</translation>
    </message>
    <message>
        <source>Competing value</source>
        <translation>競合する値</translation>
    </message>
    <message>
        <source>Keep the value in effect</source>
        <translation>有効な値を残す</translation>
    </message>
    <message>
        <source>Keep the competing value</source>
        <translation>競合する値を残す</translation>
    </message>
    <message>
        <source>Keeps the newest competing value.</source>
        <translation>競合する値のうち、いちばん新しいものを残します。</translation>
    </message>
    <message>
        <source>This field takes one of the values as it is: keep one of them.</source>
        <translation>この項目は値をまとめられません。どちらかの値を残してください。</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>under %1 days</source>
        <translation>%1日未満</translation>
    </message>
    <message>
        <source>%1–%2 days</source>
        <translation>%1〜%2日</translation>
    </message>
    <message>
        <source>%1 days or more</source>
        <translation>%1日以上</translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2: %Ln issue(s) (click to list them)</source>
        <translation>
            <numerusform>%1 × %2: %Ln件（クリックで一覧を開く）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln issue(s) (matches|match) these filters.</source>
        <translation>
            <numerusform>この条件の地域課題は %Ln件です。</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy</source>
        <extracomment>the heat map&apos;s 視点 titles by 地区, in full-width characters: the longest (&quot;3-1-2 デジタル技術の 活用による区民サービスの向上と意識改革&quot;) whole a table box&apos;s frame, margins and scroll bar beside its columns, in pixels the tables&apos; least height, and how many rows they show before scrolling kinds of change that alter what the page shows</extracomment>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy this figure as a picture</source>
        <translation>この図を画像としてコピー</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>PNGで保存…</translation>
    </message>
    <message>
        <source>Save as PNG</source>
        <translation>PNGで保存</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>書き出せませんでした: %1（%2）</translation>
    </message>
    <message>
        <source>Report per viewpoint…</source>
        <extracomment>the figures on screen are those of the current filters the report per 視点 was written (its path)</extracomment>
        <translation>視点別の報告…</translation>
    </message>
    <message>
        <source>The report per policy viewpoint for the fiscal year chosen above (this year if none), as PDF or Excel</source>
        <translation>上で選んだ年度（なければ今年度）の施策立案の視点別の報告を PDF か Excel で書き出します</translation>
    </message>
    <message>
        <source>by district</source>
        <translation>地区別</translation>
    </message>
    <message>
        <source>by residents&apos; area</source>
        <translation>住区別</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>列:</translation>
    </message>
    <message>
        <source>Issues by viewpoint and area</source>
        <translation>施策立案の視点 × 地域の地域課題数</translation>
    </message>
    <message>
        <source>Issues by category</source>
        <translation>分野別の地域課題数</translation>
    </message>
    <message>
        <source>Issues by status</source>
        <translation>状況別の地域課題数</translation>
    </message>
    <message>
        <source>Issues by fiscal year and status</source>
        <translation>年度別・状況別の地域課題数</translation>
    </message>
    <message>
        <source>Requests to the ward waiting for an answer</source>
        <translation>回答待ちの区への要望</translation>
    </message>
    <message>
        <source>Waiting longest</source>
        <translation>回答待ちの長い要望</translation>
    </message>
    <message>
        <source>Overdue action items by organization</source>
        <translation>期限を過ぎたアクション（組織別）</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>集計中…</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>地域課題</translation>
    </message>
    <message>
        <source>Waiting: %1 — answered: %2. Days since raised:</source>
        <translation>回答待ち %1件・回答済み %2件。提起からの日数:</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>要望</translation>
    </message>
    <message>
        <source>Days since raised</source>
        <translation>提起からの日数</translation>
    </message>
    <message>
        <source>Days since requested</source>
        <translation>要望からの日数</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Viewpoints</source>
        <translation>視点</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>Oldest due date</source>
        <translation>最も古い期限</translation>
    </message>
    <message>
        <source>Report per viewpoint</source>
        <translation>視点別の報告</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Excel workbook (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>Gathering the report…</source>
        <translation>報告をまとめています…</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 を書き出しています…</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>書き出しました: %1</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Add…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove this entry? You can undo this with Ctrl+Z.</source>
        <translation>この項目を削除しますか？ Ctrl+Z で元に戻せます。</translation>
    </message>
    <message>
        <source>Enter a date.</source>
        <translation>日付を入力してください。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選ぶ…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>外す</translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>%1を新規作成</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>履歴…</translation>
    </message>
    <message>
        <source>When this record was changed, where, and how</source>
        <translation>この記録をいつ・どの端末で・どう変えたか</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>整数を入力してください。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Delete “%1”? You can undo this with Ctrl+Z.</source>
        <translation>「%1」を削除しますか？ Ctrl+Z で元に戻せます。</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>変更の破棄</translation>
    </message>
    <message>
        <source>Close without saving what you typed?</source>
        <translation>入力した内容を保存せずに閉じますか？</translation>
    </message>
    <message>
        <source>No quorum rule</source>
        <translation>定足数の定めなし</translation>
    </message>
    <message>
        <source>reached</source>
        <translation>成立</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>不成立</translation>
    </message>
    <message>
        <source>%1 of %2 needed: %3</source>
        <translation>出席 %1（必要数 %2）: %3</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>議題</translation>
    </message>
    <message>
        <source>Attendees (personal data)</source>
        <translation>出席者（個人情報）</translation>
    </message>
    <message>
        <source>Link to a viewpoint…</source>
        <translation>施策視点に結びつける…</translation>
    </message>
    <message>
        <source>Save first, then link it to the ward plan&apos;s viewpoints.</source>
        <translation>保存すると、区基本計画の施策立案の視点に結びつけられます。</translation>
    </message>
    <message>
        <source>Linked viewpoints</source>
        <translation>結びつけた施策視点</translation>
    </message>
    <message>
        <source>Unlink…</source>
        <translation>結びつけを外す…</translation>
    </message>
    <message>
        <source>Edit reason…</source>
        <translation>理由を編集…</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>選択</translation>
    </message>
    <message>
        <source>Type to search…</source>
        <translation>入力して検索…</translation>
    </message>
    <message>
        <source>Meguro Jukyo</source>
        <translation>目黒住区アプリ</translation>
    </message>
    <message>
        <source>e.g. R7.4.1 or 2025-04-01</source>
        <extracomment>the ticked values changed</extracomment>
        <translation>例: R7.4.1、令和7年4月1日、2025-04-01</translation>
    </message>
    <message>
        <source>Officers by fiscal year (personal data)</source>
        <translation>年度ごとの役員（個人情報）</translation>
    </message>
</context>
<context>
    <name>Excel</name>
    <message>
        <source>Local issues, with their policy viewpoints (can be edited and imported back)</source>
        <extracomment>what each data sheet of the workbook holds (the sheet names are the workbook&apos;s own, in Japanese)</extracomment>
        <translation>地域課題と施策視点（編集して取り込み直せます）</translation>
    </message>
    <message>
        <source>Meetings, with attendance and quorum</source>
        <translation>会議（出席者数と成立の可否）</translation>
    </message>
    <message>
        <source>Notes, decisions and agreements of the meetings</source>
        <translation>会議の議事・決定事項・合意事項</translation>
    </message>
    <message>
        <source>Action items (can be edited and imported back)</source>
        <translation>アクション（編集して取り込み直せます）</translation>
    </message>
    <message>
        <source>Which issue is linked to which policy viewpoint</source>
        <translation>地域課題と施策視点の対応</translation>
    </message>
    <message>
        <source>Attendees of each meeting (personal data)</source>
        <translation>会議ごとの出席者（個人情報）</translation>
    </message>
    <message>
        <source>Local issues: title, category, status, area, dates, viewpoints</source>
        <translation>地域課題: 名称・分野・状況・地区・住区・日付・施策視点</translation>
    </message>
    <message>
        <source>Decisions and agreements: wording and how they were decided</source>
        <translation>決定・合意事項: 文面と決め方</translation>
    </message>
    <message>
        <source>Issues per policy viewpoint and 住区</source>
        <translation>施策視点・住区ごとの地域課題の件数</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>シート</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>To add</source>
        <translation>追加予定</translation>
    </message>
    <message>
        <source>To update</source>
        <translation>更新予定</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source>Rows with problems</source>
        <translation>問題のある行</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>取り込まなかった行</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>注意</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Export workbook</source>
        <extracomment>the rows per sheet of the export were recounted and are shown (sheet -&gt; rows) an export ended: its core ExportReport, or None when it was cancelled (no file) the template was written (its Path) a dry run of an import is shown (core ImportReport) an import ran and its report is shown (core ImportReport) a workbook could not be read at all; the message shown a check or an import was cancelled (nothing was written); the message shown open data was written (core OpenDataReport)</extracomment>
        <translation>ブックを書き出す</translation>
    </message>
    <message>
        <source>Template and import</source>
        <translation>ひな形と取り込み</translation>
    </message>
    <message>
        <source>Open data</source>
        <translation>オープンデータ</translation>
    </message>
    <message>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Tick the statuses to include; none ticked includes every issue.</source>
        <translation>含める状態に印を付けてください。何も付けなければ、すべての地域課題を含めます。</translation>
    </message>
    <message>
        <source>e.g. R7.4.1</source>
        <translation>例: R7.4.1</translation>
    </message>
    <message>
        <source>What goes into the workbook</source>
        <translation>書き出す範囲</translation>
    </message>
    <message>
        <source>Check cancelled: nothing was imported. Choose the workbook again to check it.</source>
        <translation>確認を中止しました。何も取り込んでいません。確かめるには、ブックをもう一度選んでください。</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported, the data is as it was. The import can be started again.</source>
        <translation>取り込みを中止しました。何も取り込んでいません。データは元のままです。もう一度取り込めます。</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>District</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Or dates</source>
        <translation>または期間</translation>
    </message>
    <message>
        <source>Issue status</source>
        <translation>地域課題の状況</translation>
    </message>
    <message>
        <source>Issue category</source>
        <translation>地域課題の分野</translation>
    </message>
    <message>
        <source>Fiscal year / dates</source>
        <translation>年度・期間</translation>
    </message>
    <message>
        <source>Meetings and issues are chosen by their date; action items by their due date or the issue or meeting they belong to.</source>
        <translation>会議と地域課題は日付で、アクションは期限か、結びついた地域課題・会議で選びます。</translation>
    </message>
    <message>
        <source>Include personal data (names)</source>
        <translation>個人情報（氏名）を含める</translation>
    </message>
    <message>
        <source>Japanese era (令和7年4月1日)</source>
        <translation>和暦（令和7年4月1日）</translation>
    </message>
    <message>
        <source>Western years (2025年4月1日)</source>
        <translation>西暦（2025年4月1日）</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>オプション</translation>
    </message>
    <message>
        <source>Dates in the workbook:</source>
        <translation>日付の表示:</translation>
    </message>
    <message>
        <source>Preview: rows per sheet</source>
        <translation>プレビュー: シートごとの行数</translation>
    </message>
    <message>
        <source>The workbook also has a summary sheet (概要) with charts and the counts per policy viewpoint and area (視点別集計).</source>
        <translation>このほか、グラフ付きの「概要」シートと、施策視点・地域ごとの件数をまとめた「視点別集計」シートが入ります。</translation>
    </message>
    <message>
        <source>Export workbook…</source>
        <translation>ブックを書き出す…</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>ひな形</translation>
    </message>
    <message>
        <source>A workbook with 地域課題 and アクション sheets and drop-down lists, for members to fill in and send back. An exported workbook can be edited and imported the same way.</source>
        <translation>「地域課題」と「アクション」のシートに選択リストの付いた記入用のブックです。会員に記入して返送してもらいます。書き出したブックも、同じように編集して取り込めます。</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>ひな形を保存…</translation>
    </message>
    <message>
        <source>Import a workbook</source>
        <translation>ブックを取り込む</translation>
    </message>
    <message>
        <source>Choose a workbook…</source>
        <translation>ブックを選ぶ…</translation>
    </message>
    <message>
        <source>Every row is checked first; nothing is written until you press Import.</source>
        <translation>まずすべての行を確かめます。「取り込む」を押すまで何も書き込みません。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込む</translation>
    </message>
    <message>
        <source>Import only the valid rows</source>
        <translation>問題のない行だけ取り込む</translation>
    </message>
    <message>
        <source>Rows with problems are left out; fix them in the workbook and import it again later.</source>
        <translation>問題のある行は取り込みません。ブックで直してから、あとでもう一度取り込んでください。</translation>
    </message>
    <message>
        <source>Export open data…</source>
        <translation>オープンデータを書き出す…</translation>
    </message>
    <message>
        <source>The first date is after the last one.</source>
        <translation>開始日が終了日より後になっています。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>数えています…</translation>
    </message>
    <message>
        <source>Correct the dates to see the preview.</source>
        <translation>日付を直すとプレビューが表示されます。</translation>
    </message>
    <message>
        <source>Nothing matches these filters: the sheets would be empty.</source>
        <translation>この条件に合うデータはありません（シートは空になります）。</translation>
    </message>
    <message>
        <source>The workbook will hold the names of attendees, facilitators, recorders, signers, speakers and assignees. This export is recorded in the history; keep the file safe and delete it when it is no longer needed.</source>
        <translation>出席者・進行役・記録者・署名人・発言者・担当者の氏名がブックに入ります。この書き出しは履歴に記録されます。ファイルは大切に保管し、不要になったら削除してください。</translation>
    </message>
    <message>
        <source>Without personal data: no names of people are written.</source>
        <translation>個人情報なし: 人の名前は書き出しません。</translation>
    </message>
    <message>
        <source>Local issues and meetings %1.xlsx</source>
        <translation>地域課題と会議 %1.xlsx</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) will be written.</source>
        <translation>
            <numerusform>%Ln 行を書き出します。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 %Ln row(s)</source>
        <translation>
            <numerusform>%1 %Ln行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> %Ln row(s) with problems (was|were) left out.</source>
        <translation>
            <numerusform>問題のある %Ln行は取り込んでいません。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported from %1: it has %Ln problem(s) (was it changed after it was checked?).</source>
        <translation>
            <numerusform>%1 からは何も取り込んでいません: 問題が %Ln件あります（確かめた後でファイルが変更されませんでしたか）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln value(s) do not keep the schema, for example: %1</source>
        <translation>
            <numerusform>項目定義に合わない値が %Ln 件あります。例: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has %Ln problem(s), listed below. Nothing has been written. Correct (it|them) in the workbook and choose it again, or import only the valid rows (%2 to add, %3 to update).</source>
        <translation>
            <numerusform>%1 に問題が %Ln件あります（下の一覧）。何も書き込んでいません。ブックで直してからもう一度選ぶか、問題のない行だけを取り込んでください（追加 %2件、更新 %3件）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has %Ln problem(s), listed below, and no row that can be imported. Nothing has been written.</source>
        <translation>
            <numerusform>%1 に問題が %Ln件あり（下の一覧）、取り込める行がありません。何も書き込んでいません。</numerusform>
        </translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the workbook: %1…</source>
        <translation>ブックを書き出しています: %1…</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 を書き出しています…</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>ブックを書き出しています…</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>書き出しを中止しました。ファイルは作られていません。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Wrote %1 (%2).</source>
        <translation>%1 に書き出しました（%2）。</translation>
    </message>
    <message>
        <source> It holds personal data: handle it with care. This export was recorded in the history.</source>
        <translation>個人情報を含みます。取り扱いに注意してください（この書き出しは履歴に記録されました）。</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 を読み込めませんでした: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 に書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Template for local issues.xlsx</source>
        <translation>地域課題の記入用ひな形.xlsx</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>ひな形を保存</translation>
    </message>
    <message>
        <source>Saved the template to %1. When it comes back filled in, choose it with “Choose a workbook…”.</source>
        <translation>ひな形を %1 に保存しました。記入されて戻ってきたら「ブックを選ぶ…」で選んでください。</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>%1 を確かめています…</translation>
    </message>
    <message>
        <source>Checking every row of the workbook…</source>
        <translation>ブックのすべての行を確かめています…</translation>
    </message>
    <message>
        <source>%1 is ready: %2 to add, %3 to update. Nothing has been written yet; press Import to write it.</source>
        <translation>%1 を取り込めます: 追加 %2件、更新 %3件。まだ何も書き込んでいません。「取り込む」を押すと書き込みます。</translation>
    </message>
    <message>
        <source>%1 holds nothing new: every row is the same as in the data.</source>
        <translation>%1 に新しい内容はありません（すべての行がデータと同じです）。</translation>
    </message>
    <message>
        <source>Importing the workbook…</source>
        <translation>ブックを取り込んでいます…</translation>
    </message>
    <message>
        <source>Imported %1: %2 added, %3 updated. One Undo (Ctrl+Z) takes the whole import back.</source>
        <translation>%1 を取り込みました: 追加 %2件、更新 %3件。「元に戻す」（Ctrl+Z）1回で取り込み全体を取り消せます。</translation>
    </message>
    <message>
        <source>Nothing was changed: every row of %1 is the same as in the data.</source>
        <translation>変更はありませんでした（%1 のすべての行がデータと同じです）。</translation>
    </message>
    <message>
        <source>Folder for the open-data files</source>
        <translation>オープンデータを書き出すフォルダー</translation>
    </message>
    <message>
        <source>Writing the open-data files…</source>
        <translation>オープンデータを書き出しています…</translation>
    </message>
    <message>
        <source>Wrote %1 files to %2 (no personal data).</source>
        <translation>%2 に %1 個のファイルを書き出しました（個人情報なし）。</translation>
    </message>
    <message>
        <source>The columns of each file: type, required, allowed values</source>
        <translation>各ファイルの項目定義（列・型・必須・決められた値）</translation>
    </message>
    <message>
        <source>Licence (CC BY 4.0), date, contact; what is published and how personal data is kept out</source>
        <translation>ライセンス（CC BY 4.0）・作成日・問い合わせ先、載せた内容と個人情報の扱い</translation>
    </message>
    <message>
        <source>CSV files for the ward&apos;s open-data site, in the style of the national standard datasets (UTF-8, dates in western years), with a README (licence CC BY 4.0, date, contact) and the schema each file is checked against. No names of people are written: only issue titles and the wording of decisions are published, and counts of 1 or 2 are left blank with the reason beside them.</source>
        <translation>区のオープンデータサイトに載せる CSV ファイルです（自治体標準オープンデータセットの形式、UTF-8、日付は西暦）。README（ライセンス CC BY 4.0・作成日・問い合わせ先）と、各ファイルを照らし合わせる項目定義も書き出します。人の名前は書き出しません。公開するのは地域課題の名称と決定事項の文面だけで、1 件・2 件の数は空欄にして、隣の列に理由を書きます。</translation>
    </message>
    <message>
        <source>Co&amp;ntact named in the README:</source>
        <translation>README に書く問い合わせ先(&amp;N):</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Reading (kana)</source>
        <translation>よみ（かな）</translation>
    </message>
    <message>
        <source>Jukyo</source>
        <translation>住区</translation>
    </message>
    <message>
        <source>District</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>会議の種類</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>議長・進行役</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>記録者</translation>
    </message>
    <message>
        <source>Members in total</source>
        <translation>全会員数</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>出席者数</translation>
    </message>
    <message>
        <source>Proxies</source>
        <translation>委任状</translation>
    </message>
    <message>
        <source>Written votes</source>
        <translation>書面表決</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Signatories</source>
        <translation>署名人</translation>
    </message>
    <message>
        <source>Next meeting</source>
        <translation>次回予定</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>順番</translation>
    </message>
    <message>
        <source>Planned minutes</source>
        <translation>予定時間（分）</translation>
    </message>
    <message>
        <source>Actual minutes</source>
        <translation>実際の時間（分）</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>地域課題</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分野</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>優先度</translation>
    </message>
    <message>
        <source>Raised on</source>
        <translation>提起日</translation>
    </message>
    <message>
        <source>Raised at meeting</source>
        <translation>提起された会議</translation>
    </message>
    <message>
        <source>Request to the ward</source>
        <translation>区への要望</translation>
    </message>
    <message>
        <source>Ward&apos;s answer</source>
        <translation>区の回答</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>回答日</translation>
    </message>
    <message>
        <source>Ward department</source>
        <translation>担当課</translation>
    </message>
    <message>
        <source>Received by the ward</source>
        <translation>区の受付日</translation>
    </message>
    <message>
        <source>Answer planned by</source>
        <translation>回答予定</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会議</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>発言者</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>記録日時</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>決定の方法</translation>
    </message>
    <message>
        <source>Votes for</source>
        <translation>賛成</translation>
    </message>
    <message>
        <source>Votes against</source>
        <translation>反対</translation>
    </message>
    <message>
        <source>Abstentions</source>
        <translation>棄権</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完了日</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役職</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出欠</translation>
    </message>
    <message>
        <source>Record exists</source>
        <extracomment>labels of stored fields no editor shows (a 視点 link&apos;s, a note&apos;s text, the tombstone)</extracomment>
        <translation>記録の有無</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Viewpoint</source>
        <translation>視点</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>○項目</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Quorum</source>
        <translation>定足数</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>役職</translation>
    </message>
</context>
<context>
    <name>Filters</name>
    <message>
        <source>All</source>
        <extracomment>which filters each list offers vocabulary filter -&gt; the field it sets: the fields of each list&apos;s entity (core/fields.py) whose vocabulary the list offers as a filter vocabulary filters where several choices can be ticked at once (as on the Excel page) text as wide as a column&apos;s usual content, for its starting width columns hidden until the user shows them the column that stretches to take the free width</extracomment>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Search in this list…</source>
        <translation>この一覧から探す…</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>District</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Residents&apos; area</source>
        <translation>住区</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分野</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Requests only</source>
        <translation>要望のみ</translation>
    </message>
    <message>
        <source>Not requests</source>
        <translation>要望以外</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>要望</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>e.g. R7.4.1</source>
        <translation>例: R7.4.1</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Viewpoint</source>
        <translation>施策視点</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>検索語</translation>
    </message>
    <message>
        <source>Fiscal year / dates</source>
        <translation>年度・期間</translation>
    </message>
    <message>
        <source>Nothing matches, even with any one of the filters taken away.</source>
        <translation>条件を一つ外しても、当てはまる行はありません。</translation>
    </message>
    <message numerus="yes">
        <source>Without “%1”: %Ln row(s). </source>
        <translation>
            <numerusform>「%1」を外すと %Ln 件。</numerusform>
        </translation>
    </message>
    <message>
        <source>No row meets all these filters together. %1</source>
        <translation>これらの条件をすべて満たす行はありません。%1</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> ほか%1件</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>Write the yearly handover file</source>
        <translation>年度の引き継ぎファイルを書き出す</translation>
    </message>
    <message>
        <source>&amp;Organization</source>
        <translation>組織(&amp;O)</translation>
    </message>
    <message>
        <source>Fiscal &amp;year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <source>Save the handover file</source>
        <translation>引き継ぎファイルの保存</translation>
    </message>
    <message>
        <source>Handover files (*.mjhandover)</source>
        <translation>引き継ぎファイル (*.mjhandover)</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported and no device was trusted. Choose the handover file again to import it.</source>
        <translation>取り込みを中止しました。何も取り込んでおらず、どの端末も信頼していません。取り込むには、引き継ぎファイルをもう一度選んでください。</translation>
    </message>
    <message>
        <source>Wrote the handover file %1 and its reading copy %2. On the new laptop, compare this device&apos;s fingerprint %3 when it is imported.</source>
        <translation>引き継ぎファイル %1 と引き継ぎ書 %2 を書き出しました。新しい端末で取り込むときに、この端末の指紋 %3 と照らし合わせてください。</translation>
    </message>
    <message numerus="yes">
        <source>Imported the handover of %1 for %2: %3 records; %Ln device(s) trusted.</source>
        <translation>
            <numerusform>%1の%2の引き継ぎを取り込みました: 記録 %3件、信頼した端末 %Ln台。</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing the handover file…</source>
        <translation>引き継ぎファイルを書き出しています…</translation>
    </message>
    <message>
        <source>Cancelled: no handover file was written.</source>
        <translation>中止しました。引き継ぎファイルは作られていません。</translation>
    </message>
    <message>
        <source>Import a handover file</source>
        <translation>引き継ぎファイルを取り込む</translation>
    </message>
    <message>
        <source>Continue from the old laptop</source>
        <translation>前の端末の続きから使う</translation>
    </message>
    <message>
        <source>Importing the handover file…</source>
        <translation>引き継ぎファイルを取り込んでいます…</translation>
    </message>
    <message>
        <source>&amp;Name the officers and the assignees in the reading copy (personal data)</source>
        <translation>引き継ぎ書に役員とアクションの担当者の氏名を載せる（個人情報）(&amp;N)</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードの操作</translation>
    </message>
    <message>
        <source>How to use Meguro Jukyo</source>
        <translation>目黒住区アプリの使い方</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>使い方</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>削除済み</translation>
    </message>
    <message>
        <source>exists</source>
        <translation>あり</translation>
    </message>
    <message>
        <source>History: %1</source>
        <translation>履歴: %1</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>端末</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>The ward&apos;s answer: %1</source>
        <translation>区の回答: %1</translation>
    </message>
    <message>
        <source>Linked to a viewpoint</source>
        <translation>施策視点に結びつけた</translation>
    </message>
    <message>
        <source>Unlinked from a viewpoint</source>
        <translation>施策視点への結びつけを外した</translation>
    </message>
    <message>
        <source>Viewpoint link: %1</source>
        <translation>施策視点の結びつけ: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s)</source>
        <translation>
            <numerusform>%Ln 件の変更</numerusform>
        </translation>
    </message>
    <message>
        <source>another device (%1)</source>
        <translation>ほかの端末（%1）</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>No changes recorded.</source>
        <translation>変更の記録はありません。</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>Mark as read</source>
        <extracomment>the lists on screen are fresh how many answers came in that the user has not marked read</extracomment>
        <translation>確認しました</translation>
    </message>
    <message>
        <source>New answers from the ward</source>
        <translation>区からの新しい回答</translation>
    </message>
    <message>
        <source>The ward&apos;s answer…</source>
        <translation>区の回答…</translation>
    </message>
    <message>
        <source>(the request&apos;s department)</source>
        <translation>（要望の担当課）</translation>
    </message>
    <message>
        <source>(not yet routed)</source>
        <translation>（未振り分け）</translation>
    </message>
    <message>
        <source>Save the routing</source>
        <translation>振り分けを保存</translation>
    </message>
    <message>
        <source>Save the answer</source>
        <translation>回答を保存</translation>
    </message>
    <message>
        <source>Save the answer (Ctrl+Enter)</source>
        <translation>回答を保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>要望:</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>担当課:</translation>
    </message>
    <message>
        <source>Answer planned by:</source>
        <translation>回答予定:</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>受付:</translation>
    </message>
    <message>
        <source>Latest progress:</source>
        <translation>最新の進捗:</translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation>回答:</translation>
    </message>
    <message>
        <source>by</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Kind of answer:</source>
        <translation>回答の種類:</translation>
    </message>
    <message>
        <source>Date of the answer:</source>
        <translation>回答日:</translation>
    </message>
    <message>
        <source>Days waiting</source>
        <translation>待ち日数</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>提起日</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Viewpoints</source>
        <translation>視点</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Submitted</source>
        <extracomment>how a waiting 要望&apos;s stage in the cycle reads (stats.cycle_stage)</extracomment>
        <translation>提出</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受付</translation>
    </message>
    <message>
        <source>Answer planned</source>
        <translation>回答予定</translation>
    </message>
    <message>
        <source>Progress answered</source>
        <translation>進捗回答あり</translation>
    </message>
    <message>
        <source>The oldest %1 are listed.</source>
        <translation>古いものから %1件を表示しています。</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>回答日</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>段階</translation>
    </message>
    <message>
        <source>Answer planned by</source>
        <translation>回答予定</translation>
    </message>
    <message>
        <source>Not yet routed</source>
        <translation>未振り分け</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) (waits|wait) for an answer, the oldest first.</source>
        <translation>
            <numerusform>回答待ちの要望 %Ln件（古い順）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 waiting)</source>
        <translation>%1（%2件 回答待ち）</translation>
    </message>
    <message>
        <source>%1 past the planned date</source>
        <translation>うち%1件 回答予定日超過</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1（期限超過）</translation>
    </message>
    <message>
        <source>No request waits for an answer.</source>
        <translation>回答待ちの要望はありません。</translation>
    </message>
    <message>
        <source>%1 progress answer: %2</source>
        <translation>%1 進捗回答: %2</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（まだありません）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>%1 · raised %2 · viewpoints: %3</source>
        <translation>%1・提起 %2・視点: %3</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会議</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>議題</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>地域課題</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>議事メモ</translation>
    </message>
    <message>
        <source>Action item</source>
        <translation>アクション</translation>
    </message>
    <message>
        <source>Attendee</source>
        <translation>出席者</translation>
    </message>
    <message>
        <source>Ward&apos;s answer</source>
        <translation>区の回答</translation>
    </message>
    <message>
        <source>Viewpoint link</source>
        <translation>施策視点の結びつけ</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>役員</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>新規作成（Ctrl+N）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>絞り込みを解除</translation>
    </message>
    <message>
        <source>Link to a viewpoint…</source>
        <translation>施策視点に結びつける…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 or more rows (counting…)</source>
        <translation>%1 件以上（数えています…）</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>表示する列</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Meguro Jukyo — local issues and meetings</source>
        <extracomment>entity kind -&gt; ids changed by an edit, undo or redo (after the pages refreshed) undo/redo labels were refreshed the pages exist (they are built once organization names have loaded)</extracomment>
        <translation>目黒住区アプリ — 地域課題と会議の記録</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>移動(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New item</source>
        <translation>新規作成(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Search everything…</source>
        <translation>すべてを検索(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Recently opened</source>
        <translation>最近開いた項目(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Check the data…</source>
        <translation>データの検査(&amp;C)…</translation>
    </message>
    <message>
        <source>Make a &amp;backup</source>
        <translation>バックアップを作成(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;How to use…</source>
        <extracomment>actions that need the open store (enabled by attach)</extracomment>
        <translation>使い方(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>このアプリについて(&amp;A)</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>処理中…</translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>データ: %1</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>（名前なし）</translation>
    </message>
    <message>
        <source>This device: %1</source>
        <translation>この端末: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s) (was|were) found:</source>
        <translation>
            <numerusform>%Ln 件の問題が見つかりました:</numerusform>
        </translation>
    </message>
    <message>
        <source>Meeting mode is open (%1). Quit and close it? A note being typed there is kept.</source>
        <translation>会議モードが開いています（%1）。会議モードも閉じて終了しますか？ 入力中のメモは残ります。</translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会議</translation>
    </message>
    <message>
        <source>Local issues</source>
        <translation>地域課題</translation>
    </message>
    <message>
        <source>Meeting notes</source>
        <translation>議事メモ</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>アクション</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>はじめに</translation>
    </message>
    <message>
        <source>Policy viewpoints</source>
        <translation>施策視点</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message numerus="yes">
        <source>Requests (%Ln new answer(s))</source>
        <translation>
            <numerusform>要望（新しい回答 %Ln件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete “%1”? You can undo this with Ctrl+Z.</source>
        <translation>「%1」を削除しますか？ Ctrl+Z で元に戻せます。</translation>
    </message>
    <message>
        <source>&amp;Undo: %1</source>
        <translation>元に戻す(&amp;U): %1</translation>
    </message>
    <message>
        <source>&amp;Redo: %1</source>
        <translation>やり直し(&amp;R): %1</translation>
    </message>
    <message>
        <source>Checking the data…</source>
        <translation>データを検査しています…</translation>
    </message>
    <message>
        <source>No problems were found.</source>
        <translation>問題は見つかりませんでした。</translation>
    </message>
    <message>
        <source>Check the data</source>
        <translation>データの検査</translation>
    </message>
    <message>
        <source>Backup made: %1</source>
        <translation>バックアップを作成しました: %1</translation>
    </message>
    <message>
        <source>Meguro Jukyo: local issues, meetings and the ward plan&apos;s policy viewpoints, for Meguro&apos;s residents&apos; councils and neighbourhood associations.</source>
        <translation>目黒住区アプリ: 目黒区の住区住民会議と町会・自治会のための、地域課題・会議の記録と区基本計画の施策立案の視点を結ぶアプリです。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>An editor has unsaved changes. Quit anyway?</source>
        <translation>保存していない入力があります。終了しますか？</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同期</translation>
    </message>
    <message>
        <source>S&amp;ync…</source>
        <translation>同期(&amp;Y)…</translation>
    </message>
    <message>
        <source>Import sync files…</source>
        <translation>同期ファイルを取り込む…</translation>
    </message>
    <message>
        <source>Export my changes…</source>
        <translation>この端末の変更を書き出す…</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <source>E&amp;xcel…</source>
        <translation>Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Export Excel workbook…</source>
        <translation>Excel ブックを書き出す…</translation>
    </message>
    <message>
        <source>Save Excel template…</source>
        <translation>Excel のひな形を保存…</translation>
    </message>
    <message>
        <source>Import Excel workbook…</source>
        <translation>Excel ブックを取り込む…</translation>
    </message>
    <message>
        <source>Export open data…</source>
        <translation>オープンデータを書き出す…</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>集計</translation>
    </message>
    <message>
        <source>S&amp;ummary</source>
        <translation>集計(&amp;U)</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>要望</translation>
    </message>
    <message>
        <source>&amp;Requests to the ward</source>
        <translation>区への要望(&amp;R)</translation>
    </message>
    <message>
        <source>Since the last meeting</source>
        <translation>前回から</translation>
    </message>
    <message>
        <source>Since the &amp;last meeting</source>
        <translation>前回から(&amp;L)</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>取り込みの結果</translation>
    </message>
    <message>
        <source>Viewpoint text</source>
        <translation>視点の本文</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>検索結果</translation>
    </message>
</context>
<context>
    <name>MeetingMode</name>
    <message>
        <source>Decision</source>
        <translation>決定</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選んでください…</translation>
    </message>
    <message>
        <source>&amp;Decision:</source>
        <translation>決定内容(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;How:</source>
        <translation>決め方(&amp;H):</translation>
    </message>
    <message>
        <source>Votes &amp;for:</source>
        <translation>賛成(&amp;F):</translation>
    </message>
    <message>
        <source>Votes a&amp;gainst:</source>
        <translation>反対(&amp;G):</translation>
    </message>
    <message>
        <source>Abs&amp;taining:</source>
        <translation>棄権(&amp;T):</translation>
    </message>
    <message>
        <source>A dissenting opinion, if any</source>
        <translation>反対の意見があれば</translation>
    </message>
    <message>
        <source>&amp;Minority opinion:</source>
        <translation>少数意見(&amp;M):</translation>
    </message>
    <message>
        <source>for %1 / against %2 / abstaining %3</source>
        <translation>賛成%1・反対%2・棄権%3</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Enter what was decided.</source>
        <translation>決定した内容を入力してください。</translation>
    </message>
    <message>
        <source>&amp;Save anyway</source>
        <translation>それでも保存(&amp;S)</translation>
    </message>
    <message>
        <source>Action item</source>
        <translation>アクション</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>内容(&amp;W):</translation>
    </message>
    <message>
        <source>W&amp;ho:</source>
        <translation>担当(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation>期限(&amp;D):</translation>
    </message>
    <message>
        <source>Enter what is to be done.</source>
        <translation>やることを入力してください。</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>メモを修正</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>種類(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>内容(&amp;T):</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>議題</translation>
    </message>
    <message>
        <source> min</source>
        <translation>分</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>議題名(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Planned time:</source>
        <translation>予定時間(&amp;P):</translation>
    </message>
    <message>
        <source>Carry over to this agenda</source>
        <translation>議題に持ち越す</translation>
    </message>
    <message>
        <source>Agenda title (F2 edits)</source>
        <translation>議題名（F2 で修正）</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>記録された内容</translation>
    </message>
    <message>
        <source>Continued</source>
        <translation>継続審議</translation>
    </message>
    <message>
        <source>Open action</source>
        <translation>未完了のアクション</translation>
    </message>
    <message>
        <source>Nothing to carry over from earlier meetings.</source>
        <translation>前回までの会議から持ち越すものはありません。</translation>
    </message>
    <message>
        <source>Meeting mode</source>
        <extracomment>what the projector shows changed (a ProjectorState) (planned seconds, elapsed seconds) of the current item, every tick the meeting was read (or re-read) from the store a note (or decision) was committed an action item was committed the draft text was saved the meeting&apos;s status changed (new status code) minutes were written (list of paths)</extracomment>
        <translation>会議モード</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>議題</translation>
    </message>
    <message>
        <source>&amp;Add item</source>
        <translation>議題を追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Carry over…</source>
        <translation>持ち越し(&amp;C)…</translation>
    </message>
    <message>
        <source>Up (Alt+↑)</source>
        <translation>上へ (Alt+↑)</translation>
    </message>
    <message>
        <source>Down (Alt+↓)</source>
        <translation>下へ (Alt+↓)</translation>
    </message>
    <message>
        <source>◀ Previous item (Alt+←)</source>
        <translation>◀ 前の議題 (Alt+←)</translation>
    </message>
    <message>
        <source>Next item (Alt+→) ▶</source>
        <translation>次の議題 (Alt+→) ▶</translation>
    </message>
    <message>
        <source>F9  Action item</source>
        <translation>F9  アクション（やること・担当・期限）</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>Membe&amp;rs:</source>
        <translation>全会員数(&amp;R):</translation>
    </message>
    <message>
        <source>Presen&amp;t:</source>
        <translation>出席(&amp;T):</translation>
    </message>
    <message>
        <source>Pro&amp;xies:</source>
        <translation>委任状(&amp;X):</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会議</translation>
    </message>
    <message>
        <source>&amp;Open the meeting</source>
        <translation>開会(&amp;O)</translation>
    </message>
    <message>
        <source>Clos&amp;e the meeting</source>
        <translation>閉会(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Finalise the minutes</source>
        <translation>議事録を確定(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Minutes (PDF and Excel)…</source>
        <translation>議事録を作成 PDF・Excel(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Projector window</source>
        <translation>プロジェクター表示(&amp;P)</translation>
    </message>
    <message>
        <source>F1–F8 note · F9 action · F10 pause/resume · Alt+←/→ items · Ctrl+Z undo · ↑ in the empty box: edit the last note · Del: delete the selected note · Esc / Ctrl+W close meeting mode · Ctrl+F1 guide</source>
        <translation>F1〜F8 メモ · F9 アクション · F10 一時停止/再開 · Alt+←/→ 議題 · Ctrl+Z 元に戻す · 空の入力欄で↑: 直前のメモを修正 · Del: 選んだメモを削除 · Esc / Ctrl+W 会議モードを閉じる · Ctrl+F1 使い方</translation>
    </message>
    <message>
        <source>Meeting mode — %1</source>
        <translation>会議モード — %1</translation>
    </message>
    <message>
        <source>Quorum reached</source>
        <translation>成立</translation>
    </message>
    <message>
        <source>No quorum</source>
        <translation>不成立</translation>
    </message>
    <message>
        <source>%1 attending, %2 needed (%3)</source>
        <translation>出席 %1名／必要 %2名（%3）</translation>
    </message>
    <message>
        <source>Add an agenda item to begin (Alt+A).</source>
        <translation>議題を追加して始めましょう（Alt+A）。</translation>
    </message>
    <message>
        <source>Item %1 of %2: %3</source>
        <translation>議題 %1／%2: %3</translation>
    </message>
    <message>
        <source>&amp;Note — %1 (Enter records it)</source>
        <translation>記録(&amp;N) — %1（Enter で記録）</translation>
    </message>
    <message>
        <source>Pause (F10)</source>
        <translation>一時停止 (F10)</translation>
    </message>
    <message>
        <source>Resume (F10)</source>
        <translation>再開 (F10)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>アクション</translation>
    </message>
    <message>
        <source>Action item added: %1</source>
        <translation>アクションを追加しました: %1</translation>
    </message>
    <message>
        <source>%1
Open the meeting anyway? Decisions taken in it are marked in the minutes as taken without a quorum.</source>
        <translation>%1
このまま開会しますか？ この会議での決定は、議事録に「定足数に達しないまま決定」と記されます。</translation>
    </message>
    <message>
        <source>%1
Open the meeting anyway?</source>
        <translation>%1
このまま開会しますか？</translation>
    </message>
    <message>
        <source>Not taken up (the minutes will say 審議せず):</source>
        <translation>審議していない議題（議事録には「審議せず」と記します）:</translation>
    </message>
    <message>
        <source>Close the meeting</source>
        <translation>閉会</translation>
    </message>
    <message>
        <source>Close the meeting now? The clock stops and notes can no longer be captured here.</source>
        <translation>閉会しますか？ 時間の計測が止まり、ここでは記録できなくなります。</translation>
    </message>
    <message>
        <source>Who: %1</source>
        <translation>担当: %1</translation>
    </message>
    <message>
        <source>Due: %1</source>
        <translation>期限: %1</translation>
    </message>
    <message>
        <source>⚠ Overdue</source>
        <translation>⚠ 期限切れ</translation>
    </message>
    <message>
        <source>Space ticks an item, F2 edits its title, Enter adds the ticked items.</source>
        <translation>スペースキーで選び、F2 キーで議題名を直し、Enter キーで選んだものを議題に加えます。</translation>
    </message>
    <message>
        <source>Finalise the minutes</source>
        <translation>議事録を確定</translation>
    </message>
    <message>
        <source>Finalise the minutes? Changes made afterwards are listed in the minutes as amendments (確定後の修正).</source>
        <translation>議事録を確定しますか？ 確定の後に直した内容は、議事録に「確定後の修正」として載ります。</translation>
    </message>
    <message>
        <source>Folder for the minutes</source>
        <translation>議事録を保存するフォルダー</translation>
    </message>
    <message>
        <source>Reading the meeting…</source>
        <translation>会議の記録を読んでいます…</translation>
    </message>
    <message>
        <source>Writing the Excel minutes…</source>
        <translation>Excel の議事録を書いています…</translation>
    </message>
    <message>
        <source>Writing the PDF minutes…</source>
        <translation>PDF の議事録を書いています…</translation>
    </message>
    <message>
        <source>Minutes written: %1</source>
        <translation>議事録を書き出しました: %1</translation>
    </message>
    <message>
        <source>Writing the minutes…</source>
        <translation>議事録を書いています…</translation>
    </message>
    <message>
        <source>Add an action item</source>
        <translation>アクションを追加</translation>
    </message>
    <message>
        <source>Pause or resume the meeting</source>
        <translation>会議の一時停止・再開</translation>
    </message>
    <message>
        <source>Next agenda item</source>
        <translation>次の議題</translation>
    </message>
    <message>
        <source>Previous agenda item</source>
        <translation>前の議題</translation>
    </message>
    <message>
        <source>Move the selected item up</source>
        <translation>選んだ議題を上へ</translation>
    </message>
    <message>
        <source>Move the selected item down</source>
        <translation>選んだ議題を下へ</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直し</translation>
    </message>
    <message>
        <source>This guide</source>
        <translation>この使い方</translation>
    </message>
    <message>
        <source>Print the minutes and papers</source>
        <translation>議事録・次第などを印刷</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Record what was typed</source>
        <translation>入力した内容を記録</translation>
    </message>
    <message>
        <source>↑ in the empty box</source>
        <translation>空の入力欄で↑</translation>
    </message>
    <message>
        <source>Edit the last note</source>
        <translation>直前のメモを修正</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>Delete the selected note</source>
        <translation>選んだメモを削除</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>元に戻しました: %1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>やり直しました: %1</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>修正(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>Deleted (Ctrl+Z brings it back).</source>
        <translation>削除しました（Ctrl+Z で元に戻せます）。</translation>
    </message>
    <message>
        <source>Close meeting mode</source>
        <translation>会議モードを閉じる</translation>
    </message>
    <message>
        <source>A note is being typed. Close meeting mode? The text is kept and comes back when meeting mode is opened on this meeting again.</source>
        <translation>メモを入力中です。会議モードを閉じますか？ 入力中の文は残り、この会議で会議モードを開くと元に戻ります。</translation>
    </message>
    <message>
        <source>&amp;Meeting mode…</source>
        <translation>会議モード(&amp;M)…</translation>
    </message>
    <message>
        <source>Choose a meeting in the list first.</source>
        <translation>先に会議の一覧で会議を選んでください。</translation>
    </message>
    <message>
        <source>PDF/A-1&amp;b for the archive</source>
        <translation>長期保存用の PDF/A-1b にする(&amp;B)</translation>
    </message>
    <message>
        <source>Write the PDF minutes as PDF/A-1b, the format archives keep for the long term. It opens like any other PDF.</source>
        <translation>議事録の PDF を、文書の長期保存に使われる PDF/A-1b で書き出します。ふつうの PDF と同じように開けます。</translation>
    </message>
    <message>
        <source>%1:</source>
        <comment>the body a quorum is counted over, named by the meeting type</comment>
        <translation>%1(&amp;R):</translation>
    </message>
    <message>
        <source>Since the last meeting</source>
        <translation>前回から</translation>
    </message>
    <message>
        <source>Enter: make it an agenda item</source>
        <translation>Enter: 議題にする</translation>
    </message>
    <message>
        <source>The agenda can only change before the meeting is closed.</source>
        <translation>議題は閉会までしか変えられません。</translation>
    </message>
    <message>
        <source>Notes of this item</source>
        <translation>この議題の記録</translation>
    </message>
</context>
<context>
    <name>MeetingOfficers</name>
    <message>
        <source>Chair and signers of the minutes</source>
        <translation>議長・議事録署名人</translation>
    </message>
    <message>
        <source>The chair and the signers sign and seal the minutes.</source>
        <translation>議長と議事録署名人が議事録に署名押印します。</translation>
    </message>
    <message>
        <source>&amp;Chair:</source>
        <translation>議長(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Signer %1:</source>
        <translation>議事録署名人 %1(&amp;S):</translation>
    </message>
    <message>
        <source>C&amp;hoose the chair and signers…</source>
        <translation>議長選出・署名人選任(&amp;H)…</translation>
    </message>
    <message>
        <source>Written &amp;votes:</source>
        <translation>書面表決(&amp;V):</translation>
    </message>
    <message>
        <source>Chair: %1
Signers: %2</source>
        <translation>議長: %1
議事録署名人: %2</translation>
    </message>
    <message>
        <source>No chair or signers chosen yet: choose them at the start.</source>
        <translation>議長・署名人が未選任です。会議の始めに選んでください。</translation>
    </message>
</context>
<context>
    <name>Policy</name>
    <message>
        <source>Ward basic plan: policy framework</source>
        <translation>目黒区基本計画 区政運営方針</translation>
    </message>
    <message>
        <source>Choose a viewpoint to see the issues linked to it.</source>
        <translation>視点を選ぶと、結びつけた地域課題が表示されます。</translation>
    </message>
    <message>
        <source>Issues linked to viewpoint %1: %2</source>
        <translation>視点 %1 に結びつけた地域課題: %2 件</translation>
    </message>
    <message>
        <source>Reason for the link</source>
        <translation>結びつけの理由</translation>
    </message>
    <message>
        <source>Viewpoint: %1</source>
        <translation>施策視点: %1</translation>
    </message>
    <message>
        <source>Link to a policy viewpoint</source>
        <translation>施策立案の視点に結びつける</translation>
    </message>
    <message>
        <source>Use this suggestion</source>
        <translation>この候補を使う</translation>
    </message>
    <message>
        <source> (match %1%)</source>
        <translation>（一致度 %1%）</translation>
    </message>
    <message>
        <source>No suggestion for this text.</source>
        <translation>この内容に合う候補はありません。</translation>
    </message>
    <message>
        <source>Why this viewpoint (a short reason)</source>
        <translation>この視点に結びつける理由（短く）</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>結びつける</translation>
    </message>
    <message>
        <source>Suggested viewpoints (computed from the text; nothing is linked until you choose Link):</source>
        <translation>候補の視点（内容から自動で計算。「結びつける」を押すまで何も登録されません）:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Already linked to %1. Choose another viewpoint.</source>
        <translation>%1 にはすでに結びつけてあります。別の施策視点を選んでください。</translation>
    </message>
    <message>
        <source>Choose a viewpoint (施策立案の視点) or one of its ○ items.</source>
        <translation>施策立案の視点か、その○項目を選んでください。</translation>
    </message>
    <message>
        <source>Link to: %1</source>
        <translation>結びつけ先: %1</translation>
    </message>
    <message>
        <source>Looking for suggestions…</source>
        <translation>候補を探しています…</translation>
    </message>
    <message>
        <source>words: %1</source>
        <translation>語: %1</translation>
    </message>
    <message>
        <source>plan text: %1</source>
        <translation>計画の本文: %1</translation>
    </message>
    <message>
        <source>similar issue: %1</source>
        <translation>似た課題: %1</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Minutes (議事録)</source>
        <translation>議事録</translation>
    </message>
    <message>
        <source>Agenda (次第)</source>
        <translation>次第</translation>
    </message>
    <message>
        <source>Sign-in sheet (出席簿)</source>
        <translation>出席簿</translation>
    </message>
    <message>
        <source>Circular (回覧板)</source>
        <translation>回覧板（お知らせ）</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>印刷プレビュー</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>書類:</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>書き出しました</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>書き出したファイル: %1</translation>
    </message>
    <message>
        <source>&amp;Open the file</source>
        <translation>ファイルを開く(&amp;O)</translation>
    </message>
    <message>
        <source>Open the &amp;folder</source>
        <translation>フォルダーを開く(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>印刷(&amp;P)…</translation>
    </message>
    <message>
        <source>Choose a meeting in the list first.</source>
        <translation>先に会議の一覧で会議を選んでください。</translation>
    </message>
    <message>
        <source>Agenda, after what happened since the last meeting (前回からの経過)</source>
        <translation>次第（前回からの経過を1ページ目に）</translation>
    </message>
</context>
<context>
    <name>Projector</name>
    <message>
        <source>Meeting — projector</source>
        <translation>会議 — プロジェクター表示</translation>
    </message>
    <message>
        <source>Item %1 of %2: %3</source>
        <translation>議題 %1／%2: %3</translation>
    </message>
    <message>
        <source>No agenda item yet</source>
        <translation>議題はまだありません</translation>
    </message>
    <message>
        <source>Draft decision: %1</source>
        <translation>決定案: %1</translation>
    </message>
    <message>
        <source>Over time %1</source>
        <translation>超過 %1</translation>
    </message>
    <message>
        <source>Time left %1</source>
        <translation>残り %1</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>フォルダ</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>ファイル フォルダー</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 ファイル</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>ドライブ</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>ショートカット</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>エイリアス</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>場所(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T):</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Pages</source>
        <translation>ページ指定</translation>
    </message>
    <message>
        <source>Page &amp;Set:</source>
        <translation>ページセット(&amp;S):</translation>
    </message>
    <message>
        <source>Double Sided Printing</source>
        <translation>両面印刷</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>しない</translation>
    </message>
    <message>
        <source>Long side binding</source>
        <translation>長辺とじ</translation>
    </message>
    <message>
        <source>Short side binding</source>
        <translation>短辺とじ</translation>
    </message>
    <message>
        <source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source>
        <translation>ページまたは範囲をカンマで区切って指定します。範囲は2つの数字をハイフンでつなぎます。例: 3,5-7,9 はページ 3、5、6、7、9 を印刷します。</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>Results</source>
        <translation>検索結果</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>Search everything</source>
        <extracomment>results for the current text arrived (the number of hits)</extracomment>
        <translation>すべてを検索</translation>
    </message>
    <message>
        <source>Words to look for (2 characters are enough: 防災, 公園…)</source>
        <translation>探したい言葉（2文字から検索できます: 防災、公園…）</translation>
    </message>
    <message>
        <source> (showing the newest %1)</source>
        <translation>（新しい順に %1 件まで表示）</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>%1 件見つかりました</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>見つかりませんでした。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Japanese era (令和7年4月1日)</source>
        <translation>和暦（令和7年4月1日）</translation>
    </message>
    <message>
        <source>Western (2025年4月1日)</source>
        <translation>西暦（2025年4月1日）</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>標準</translation>
    </message>
    <message>
        <source>Large (for meeting rooms and projectors)</source>
        <translation>大きい（会議室・プロジェクター向け）</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>既定の場所</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選ぶ…</translation>
    </message>
    <message>
        <source>Now open: %1</source>
        <translation>現在開いているデータ: %1</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日付の表示</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字の大きさ</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>データファイル</translation>
    </message>
    <message>
        <source>Dates and text size change at once; language and data file take effect the next time the app starts.</source>
        <translation>日付の表示と文字の大きさはすぐに変わります。言語とデータファイルは、次にアプリを起動したときに反映されます。</translation>
    </message>
    <message>
        <source>Meguro Jukyo data (*.sqlite3)</source>
        <translation>目黒住区アプリのデータ (*.sqlite3)</translation>
    </message>
</context>
<context>
    <name>Since</name>
    <message>
        <source>The organization&apos;s first meeting: everything still open is listed.</source>
        <translation>この団体の最初の会議です。未了のものをすべて表示しています。</translation>
    </message>
    <message>
        <source>Since %1 (%2)</source>
        <translation>前回（%1・%2）から</translation>
    </message>
    <message>
        <source>Enter or double click: make it an agenda item of the meeting</source>
        <translation>Enter キーかダブルクリックで、この会議の議題にします</translation>
    </message>
    <message>
        <source>%1 — on the agenda</source>
        <translation>%1 — 議題にしました</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, due %2</source>
        <translation>%1（%2まで）</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1（期限切れ）</translation>
    </message>
    <message>
        <source>Open action items (%1)</source>
        <translation>まだ済んでいない宿題（%1件）</translation>
    </message>
    <message>
        <source>Action items done since (%1)</source>
        <translation>前回から済んだ宿題（%1件）</translation>
    </message>
    <message>
        <source>%1 (done %2)</source>
        <translation>%1（%2完了）</translation>
    </message>
    <message>
        <source>Issues whose status changed (%1)</source>
        <translation>状況が変わった課題（%1件）</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Answers from the ward (%1)</source>
        <translation>区からの回答（%1件）</translation>
    </message>
    <message>
        <source>%1: %2 of %3 (%4): %5</source>
        <translation>%1：%3の%2（%4）%5</translation>
    </message>
    <message>
        <source>Continued deliberation (%1)</source>
        <translation>継続審議（%1件）</translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation>%1（%2から）</translation>
    </message>
    <message>
        <source>Since the last meeting</source>
        <translation>前回の会議からの経過</translation>
    </message>
    <message>
        <source>&amp;Add to the agenda (Enter)</source>
        <translation>議題にする(&amp;A)（Enter）</translation>
    </message>
    <message>
        <source>&amp;Print the agenda with this page first…</source>
        <translation>この内容を1ページ目にして次第を印刷(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>団体(&amp;O):</translation>
    </message>
    <message>
        <source>For the &amp;meeting:</source>
        <translation>準備する会議(&amp;M):</translation>
    </message>
    <message>
        <source>No meeting of this organization is planned. Add its next meeting on the Meetings page, then prepare it here.</source>
        <translation>この団体の予定の会議がありません。「会議」ページで次の会議を登録してから、ここで準備してください。</translation>
    </message>
    <message>
        <source>Nothing happened since the last meeting.</source>
        <translation>前回から動きはありません。</translation>
    </message>
    <message>
        <source>Choose an entry under a heading first.</source>
        <translation>見出しの下の項目を選んでください。</translation>
    </message>
    <message>
        <source>Added to the agenda: %1</source>
        <translation>議題にしました: %1</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Imported</source>
        <translation>取り込み</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>重複</translation>
    </message>
    <message>
        <source>Held (untrusted device)</source>
        <translation>保留（未信頼の端末）</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒否</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) (is|are) held. Trust the device&apos;s card (after comparing its fingerprint) to import (it|them); %1 can be imported now.</source>
        <translation>
            <numerusform>保留中のファイルが %Ln 件あります。指紋を照らし合わせてから端末カードを信頼すると取り込めます（今すぐ取り込めるもの: %1 件）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln record(s) to %1.</source>
        <translation>
            <numerusform>%Ln 件の記録を %1 に書き出しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> %Ln held file(s) from it can be imported now (Import now).</source>
        <translation>
            <numerusform>この端末からの保留ファイル %Ln 件を取り込めます（今すぐ取り込む）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing %1 (%2 of %3)…</source>
        <translation>%1 を取り込んでいます（%3 件中 %2 件目）…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>変化なし</translation>
    </message>
    <message>
        <source>Parallel</source>
        <translation>並行更新</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <extracomment>the number of open conflicts, after each load a conflict was settled (the Conflict as it was); the store changed</extracomment>
        <translation>競合</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>端末</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指紋</translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation>端末 ID</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受け取った日時</translation>
    </message>
    <message>
        <source>Device trusted</source>
        <translation>端末の信頼</translation>
    </message>
    <message>
        <source>Yes: can be imported</source>
        <translation>はい（取り込めます）</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>まだ</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>この端末</translation>
    </message>
    <message>
        <source>e.g. Komaba council, secretary&apos;s laptop</source>
        <translation>例: 駒場住区 事務局のノートPC</translation>
    </message>
    <message>
        <source>e.g. 駒場住区住民会議</source>
        <translation>例: 駒場住区住民会議</translation>
    </message>
    <message>
        <source>Name of this device</source>
        <translation>この端末の名前</translation>
    </message>
    <message>
        <source>This is the ward office&apos;s store (it hands out the ward bundle)</source>
        <translation>区の端末（各端末へ区の配布用ファイルを配る）</translation>
    </message>
    <message>
        <source>Trust a device</source>
        <translation>端末を信頼する</translation>
    </message>
    <message>
        <source>Packages signed by this device will be imported without asking. Before trusting it, call or meet the person who uses it: ask them to open 同期 on their device and read its fingerprint aloud, group by group, while you compare it with the one below.</source>
        <translation>信頼すると、この端末が署名した同期ファイルは確認なしで取り込まれます。信頼する前に、この端末を使う人に電話するか会って、相手の端末の「同期」画面に出ている指紋を 4 文字ずつ読み上げてもらい、下の指紋と一つずつ照らし合わせてください。</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>（名前なし）</translation>
    </message>
    <message>
        <source>We read the fingerprint aloud and every group matches</source>
        <translation>指紋を読み合わせ、すべて一致することを確かめました</translation>
    </message>
    <message>
        <source>Trust this device</source>
        <translation>この端末を信頼する</translation>
    </message>
    <message>
        <source>Exchange files</source>
        <extracomment>the lists above were reloaded an export finished (core ExportResult) an import finished and its report is shown (core ImportReport) a device card was read; the TrustDialog asking to compare its fingerprint is open writing or importing a handover file was cancelled (nothing was written); the message shown a device is trusted now (its DeviceCard) this store is a new device now (its new DeviceCard)</extracomment>
        <translation>ファイルのやり取り</translation>
    </message>
    <message>
        <source>Devices and held files</source>
        <translation>端末と保留中のファイル</translation>
    </message>
    <message>
        <source>Read this fingerprint aloud when the ward (or another device) trusts this device&apos;s card.</source>
        <translation>区（またはほかの端末）がこの端末のカードを信頼するときに、この指紋を読み上げてください。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Name and organization…</source>
        <translation>名前と所属…</translation>
    </message>
    <message>
        <source>Save device card…</source>
        <translation>端末カードを書き出す…</translation>
    </message>
    <message>
        <source>Make this a new device…</source>
        <translation>新しい端末にする…</translation>
    </message>
    <message>
        <source>A new device ID and key, for a store copied here without its key file.</source>
        <translation>鍵ファイルなしでコピーしてきたデータ用に、新しい端末 ID と鍵を作ります。</translation>
    </message>
    <message>
        <source>Sync files</source>
        <translation>同期ファイル</translation>
    </message>
    <message>
        <source>Export my changes…</source>
        <translation>この端末の変更を書き出す…</translation>
    </message>
    <message>
        <source>Every record this device created or changed, deletions included.</source>
        <translation>この端末で作った記録・変えた記録すべて（削除も含む）。</translation>
    </message>
    <message>
        <source>Export everything…</source>
        <translation>すべてのデータを書き出す…</translation>
    </message>
    <message>
        <source>The whole store, e.g. to set up another device.</source>
        <translation>データ全体（別の端末を用意するときなど）。</translation>
    </message>
    <message>
        <source>Export the ward bundle…</source>
        <translation>区の配布用ファイルを書き出す…</translation>
    </message>
    <message>
        <source>The ward&apos;s records and answers, for the laptops to import.</source>
        <translation>区の記録と要望への回答。各端末で取り込みます。</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>ファイルを取り込む…</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>フォルダーごと取り込む…</translation>
    </message>
    <message>
        <source>Every .mjsync file in the folder; copies and half-written files are reported, the rest imported.</source>
        <translation>フォルダー内のすべての .mjsync ファイル。重複や書きかけのファイルは報告し、ほかは取り込みます。</translation>
    </message>
    <message>
        <source>Write the yearly handover…</source>
        <translation>年度の引き継ぎファイルを書き出す…</translation>
    </message>
    <message>
        <source>For the new officers: every record, the devices this one trusts and the year&apos;s summary, in one file their laptop imports.</source>
        <translation>新しい役員へ: すべての記録、この端末が信頼している端末、年度のまとめを一つのファイルにします。新しい端末で取り込みます。</translation>
    </message>
    <message>
        <source>Import a handover…</source>
        <translation>引き継ぎファイルを取り込む…</translation>
    </message>
    <message>
        <source>Trust a device card…</source>
        <translation>端末カードを信頼する…</translation>
    </message>
    <message>
        <source>Import now</source>
        <translation>今すぐ取り込む</translation>
    </message>
    <message>
        <source>Import the held files whose devices are trusted now.</source>
        <translation>信頼済みになった端末の保留ファイルを取り込みます。</translation>
    </message>
    <message>
        <source>Trusted devices</source>
        <translation>信頼している端末</translation>
    </message>
    <message>
        <source>Held files (from devices not trusted yet)</source>
        <translation>保留中のファイル（まだ信頼していない端末から）</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未設定）</translation>
    </message>
    <message>
        <source>No files are held.</source>
        <translation>保留中のファイルはありません。</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>競合 (%1)</translation>
    </message>
    <message>
        <source>Make this a new device</source>
        <translation>新しい端末にする</translation>
    </message>
    <message>
        <source>Give this store a new device ID and key? Use this when the store was copied here without its key file. The ward and the other devices must trust the new device card before they take its files; files already written stay under the old ID.</source>
        <translation>このデータに新しい端末 ID と鍵を作りますか？ 鍵ファイルなしでデータをこの PC にコピーしたときに使います。区やほかの端末が新しい端末カードを信頼するまで、この端末のファイルは取り込まれません。これまでに書き出したファイルは古い ID のままです。</translation>
    </message>
    <message>
        <source>This is a new device now (ID %1 → %2). Save its device card and have the ward trust it.</source>
        <translation>新しい端末になりました（端末 ID %1 → %2）。端末カードを書き出して、区で信頼してもらってください。</translation>
    </message>
    <message>
        <source>Save device card</source>
        <translation>端末カードを書き出す</translation>
    </message>
    <message>
        <source>Device cards (*.mjcard *.json)</source>
        <translation>端末カード (*.mjcard *.json)</translation>
    </message>
    <message>
        <source>Saved the device card to %1. Fingerprint: %2 (read it aloud with whoever trusts it).</source>
        <translation>端末カードを %1 に書き出しました。指紋: %2（信頼してもらう相手と読み合わせてください）。</translation>
    </message>
    <message>
        <source>Export sync file</source>
        <translation>同期ファイルを書き出す</translation>
    </message>
    <message>
        <source>Sync files (*.mjsync)</source>
        <translation>同期ファイル (*.mjsync)</translation>
    </message>
    <message>
        <source>Writing the sync file…</source>
        <translation>同期ファイルを書き出しています…</translation>
    </message>
    <message>
        <source>Import sync files</source>
        <translation>同期ファイルを取り込む</translation>
    </message>
    <message>
        <source>Import every sync file in a folder</source>
        <translation>フォルダー内の同期ファイルをすべて取り込む</translation>
    </message>
    <message>
        <source>Importing sync files…</source>
        <translation>同期ファイルを取り込んでいます…</translation>
    </message>
    <message>
        <source>Importing held files…</source>
        <translation>保留中のファイルを取り込んでいます…</translation>
    </message>
    <message>
        <source>%1 files: %2 imported, %3 duplicates, %4 held, %5 rejected. Records: %6 new, %7 updated, %8 unchanged, %9 parallel updates, %10 conflicts.</source>
        <translation>ファイル %1 件: 取り込み %2、重複 %3、保留 %4、拒否 %5。記録: 新規 %6、更新 %7、変化なし %8、並行更新 %9、競合 %10。</translation>
    </message>
    <message>
        <source> Cancelled: the files not listed were not imported.</source>
        <translation>（中断しました。一覧にないファイルは取り込んでいません。）</translation>
    </message>
    <message>
        <source>Open a device card</source>
        <translation>端末カードを開く</translation>
    </message>
    <message>
        <source>Trusted %1.</source>
        <translation>%1 を信頼しました。</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Cancel</source>
        <extracomment>emitted when the lane goes from idle to busy (True) and back (False)</extracomment>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>お待ちください</translation>
    </message>
    <message>
        <source>Something went wrong inside the app. Your data is safe; please report this:

%1</source>
        <translation>アプリの内部で問題が起きました。データは保存されています。次の内容を担当者にお知らせください:

%1</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Welcome</source>
        <translation>ようこそ</translation>
    </message>
    <message>
        <source>This app keeps the local issues, meetings and notes of Meguro&apos;s residents&apos; councils and neighbourhood associations, and links them to the ward basic plan&apos;s policy viewpoints.
Before you start, give this computer a name (it appears on the data it writes, so that the ward can tell laptops apart) and choose the organization it works for.</source>
        <translation>このアプリは、目黒区の住区住民会議や町会・自治会の地域課題・会議・議事メモを記録し、区基本計画の施策立案の視点に結びつけます。
はじめに、このパソコンの名前（記録したデータに付き、区でどの端末のデータか見分けるために使います）と、このパソコンを使う組織を決めてください。</translation>
    </message>
    <message>
        <source>e.g. Komaba council, secretary&apos;s laptop</source>
        <translation>例: 駒場住区住民会議 事務局ノートPC</translation>
    </message>
    <message>
        <source>Type part of the name or its reading (e.g. ゆめん)</source>
        <translation>名前かよみの一部を入力（例: ゆめん）</translation>
    </message>
    <message>
        <source>No 地区</source>
        <translation>地区なし</translation>
    </message>
    <message>
        <source>Nothing chosen: you can choose it later.</source>
        <translation>選ばなければ、あとで選べます。</translation>
    </message>
    <message>
        <source>Name of this device</source>
        <translation>この端末の名前</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>はじめる</translation>
    </message>
    <message>
        <source>Load sample data…</source>
        <translation>サンプルデータを読み込む…</translation>
    </message>
    <message>
        <source>To try the app first, load sample data: a few made-up organizations, meetings, issues and notes. You can delete them later.</source>
        <translation>まず試してみたいときは、サンプルデータ（架空の組織・会議・地域課題・議事メモ）を読み込めます。あとで削除できます。</translation>
    </message>
    <message>
        <source>Sample data is not available in this version.</source>
        <translation>この版にはサンプルデータがありません。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Sample data loaded: %1. Choose the organization to start with, then Start.</source>
        <translation>サンプルデータを読み込みました: %1。始める組織を選んで「はじめる」を押してください。</translation>
    </message>
    <message>
        <source>Sample data loaded.</source>
        <translation>サンプルデータを読み込みました。</translation>
    </message>
    <message>
        <source>Loading sample data…</source>
        <translation>サンプルデータを読み込んでいます…</translation>
    </message>
    <message>
        <source>Enter a name for this device.</source>
        <translation>この端末の名前を入力してください。</translation>
    </message>
</context>
</TS>
