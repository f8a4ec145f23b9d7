#pragma once
// Subscriber import from CSV: encoding and separator detected, columns mapped by their header
// (French or English names, or an explicit mapping), every row validated with the form's rules,
// duplicates reported instead of created twice, and rows written through the write path (audit +
// outbox) in chunks of a few thousand rows, each a short transaction, so that a clerk's save and
// the sync engine wait a few hundred milliseconds at most. Still all or nothing as the user sees it
// (unless bad rows are to be skipped into a rejects file): a failed or cancelled import is taken
// back, one that died is taken back by the next import or sync round, and none of its operations
// leaves the desk before it is complete (models/importguard.h).
// A `routeur` export reads back too (L1..L6), to rebuild subscribers when nothing else is left.
// Worker-friendly: no UI types, a progress callback that can cancel.

#include "csvexport.h"
#include "csvreader.h"

#include <QHash>

namespace Relais::Csv {

// The subscriber fields a column can feed; "line1" and "line6" are split into their parts.
QStringList importFieldNames();
// The field a header names ("Code postal", "CP", "zip" -> "postal_code"); "" when a known column
// is deliberately ignored (copies, subscription id ...), nullopt when the header is not known.
std::optional<QString> fieldForHeader(const QString &header);

struct ImportOptions
{
    QString inPath;
    bool dryRun = false;      // validate and report, write nothing
    bool skipInvalid = false; // import the good rows; bad ones go to rejectsPath
    QString rejectsPath;
    QString mappingPath;              // JSON object {"header": "field" or "" to ignore}
    QHash<QString, QString> mapping;  // the same, from the GUI wizard (wins over the file)
    std::optional<Encoding> encoding; // nullopt: detect
    char separator = 0;               // 0: detect
    Progress progress;                // (bytes read, file size); false cancels, nothing kept
    // A chunk is committed after this many rows read, or after chunkMs, whichever comes first:
    // how long the import holds the desk's write lock at a time.
    int chunkRows = 2000;
    int chunkMs = 250;
    // Called after each chunk committed, outside any transaction, with the rows written so far
    // (a progress display; tests pause an import there).
    std::function<void(qint64 rowsWritten)> chunkCommitted;
};

struct ImportIssue
{
    qint64 line = 0;
    QString column; // header as in the file, with the field name when it differs
    QString rule;
    QString message;
};

struct ImportReport
{
    Encoding encoding = Encoding::Utf8;
    QChar separator = u';';
    QStringList mapping;         // "header -> field" for each column
    qint64 rows = 0;             // data rows read (blank lines skipped)
    qint64 imported = 0;         // created (or, in a dry run, that would be)
    qint64 duplicates = 0;       // already there: reported, not created
    qint64 rejected = 0;         // invalid rows written to the rejects file (skipInvalid)
    QList<ImportIssue> problems; // reasons of rejected rows
    QList<ImportIssue> notices;  // duplicates and other remarks that did not stop a row
    bool dryRun = false;
    QString rejectsPath;
};

// "clients.csv:12: column postal_code" — how an issue names its place.
QString issuePlace(const QString &fileName, const ImportIssue &issue);

// Errors: Invalid (with one Issue per problem, naming file, line and column) when the file is not
// usable or, without skipInvalid, when any row is invalid; nothing of the import is kept then.
// A dry run writes nothing at all: it reads in one read transaction. "import.running" when another
// import runs on this desk.
Result<ImportReport> importSubscribers(Store &store, const ImportOptions &options);

// What the GUI wizard shows before importing: detected format, header, first rows, guessed fields.
struct ImportPreview
{
    Encoding encoding = Encoding::Utf8;
    QChar separator = u';';
    QStringList header;
    QList<QStringList> rows;
    QStringList guessedFields; // per column: field, "" ignored, "?" unknown
};
Result<ImportPreview> previewImport(const QString &path, int rows = 20);

} // namespace Relais::Csv
