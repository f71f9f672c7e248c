# The registry workbook in the TWG workspace: download for offline work, upload as proposed changes.
regwb-heading = Registry workbook (XLSX) for offline work
regwb-intro = Download the registry of your country as an XLSX workbook, correct or add instruments and their status, institutions and projects, and upload it back. Every added or changed row becomes a proposed change: another member approves it and the secretariat publishes it, as with the forms. Rows of public sources are there for reference and are left alone.
regwb-downloads = Download
regwb-download-country = Registry workbook: { $country }
regwb-download-all = Registry workbook: your { $count } countries
regwb-upload = Upload the edited workbook
regwb-upload-note = One XLSX file of at most { $size } MB. Leave the source column empty on a new row, and write in the read_at column where each entry was read (gazette, decree, treaty record, report or page, with its date). Nothing is proposed unless every row can be.
regwb-send = Propose the changes
regwb-proposed = { $count ->
    [one] One change was proposed; it awaits approval on the registry page.
   *[other] { $count } changes were proposed; they await approval on the registry page.
}
regwb-nothing = The workbook holds no change to the registry: nothing was proposed.
regwb-link = Registry workbook (XLSX)
