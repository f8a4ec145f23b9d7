#pragma once
// The mailing-house export: the delivery list of one issue written as CSV, in presort order, with
// its address block formatted for labels, a warnings file for addresses that cannot fit, and an
// entry in the export log. Worker-friendly: no UI types, a progress callback that can cancel, and
// everything through the Store it is given (a worker thread opens its own).

#include "csvwriter.h"
#include "exportsink.h"
#include "store.h"

#include <QDate>

#include <functional>

namespace Relais::Csv {

// One exportable column: a stable key (used in --columns and saved presets) and its header.
struct ColumnInfo
{
    QString key;
    QString header;
    QString description; // translated
};

const QList<ColumnInfo> &allColumns();
// The built-in presets: "routeur" (the label block and what a mailing house needs) and "complet".
QStringList builtinPresetNames();
// Built-in and saved preset names.
QStringList presetNames(Store &store);
// The column keys of a preset; NotFound for an unknown name.
Result<QStringList> presetColumns(Store &store, const QString &name);
// Saves a custom column set (keys from allColumns()) under `name` in the desk's meta table.
Status savePreset(Store &store, const QString &name, const QStringList &columnKeys);
// Invalid when a key is not a column.
Status checkColumns(const QStringList &columnKeys);

using Progress = std::function<bool(qint64 done, qint64 total)>;

// The file written: CSV for the mailing house, or a spreadsheet (.xlsx) whose postal codes,
// numbers and phones stay text.
enum class Format { Csv, Xlsx };

struct ExportOptions
{
    Format format = Format::Csv;
    QString publicationCode;
    QDate date;
    QString outPath;
    QString preset = QStringLiteral("routeur");
    QStringList columns; // overrides the preset when not empty
    Encoding encoding = Encoding::Utf8Bom;
    QChar separator = u';';
    QDate changesSince; // when valid: only the adds and drops against that issue's list
    Progress progress;  // (lines done, estimated total); false cancels, leaving no file behind
};

struct ExportSummary
{
    qint64 rows = 0; // data rows written (without the header)
    qint64 copies = 0;
    qint64 adds = 0; // --changes-since only
    qint64 drops = 0;
    qint64 warnings = 0;       // addresses that do not fit on a label, listed in warningsPath
    qint64 abbreviated = 0;    // street lines shortened with La Poste's list
    qint64 transliterated = 0; // characters Windows-1252 could not hold
    QString sha256;
    QString warningsPath; // empty when there is no warning
    qint64 logId = 0;
};

// The warnings file beside `outPath`: "labels.csv" -> "labels.warnings.csv".
QString warningsPathFor(const QString &outPath);

Result<ExportSummary> exportDeliveryList(Store &store, const ExportOptions &options);
// The same lines into another sink (sheets of labels); `format`, `encoding` and `separator` then
// only shape the warnings file. A null sink: the one `format` names.
Result<ExportSummary> exportDeliveryList(Store &store, const ExportOptions &options,
                                         ExportSink *sink);

struct ExportLogEntry
{
    qint64 id = 0;
    QDateTime at;
    QString clerk;
    QString deskId;
    QString publicationCode;
    QDate issueDate;
    QString preset;
    QString fileName;
    qint64 rows = 0;
    QString sha256;
    qint64 warnings = 0;
};

// Most recent first; `limit` <= 0: all.
Result<QList<ExportLogEntry>> exportLog(Store &store, int limit = 0);

} // namespace Relais::Csv
