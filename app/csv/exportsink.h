#pragma once
// Where the export engine puts an issue's delivery list: a CSV file, a spreadsheet, sheets of
// labels. The engine picks the lines, builds the cells and the label block, keeps the warnings file
// and the export log; a sink only writes its own format, all or nothing (commit() puts the file in
// place, cancel() leaves nothing behind).

#include "mailingaddress.h"
#include "result.h"

#include <QStringList>

namespace Relais::Csv {

class ExportSink
{
public:
    virtual ~ExportSink() = default;

    // "csv", "xlsx", "pdf": written to the export log beside the preset.
    virtual QString formatName() const = 0;
    virtual Status open(const QString &path) = 0;
    // Column keys ("movement" first for adds and drops) and their headers.
    virtual void header(const QStringList &keys, const QStringList &headers) = 0;
    // One line in presort order. `movement` is empty, AJOUT or SUPPRESSION. A sink that finds a
    // line it cannot print whole (a label too narrow) adds it to `problems`, never cuts it.
    virtual void row(const QStringList &cells, const QString &movement, const DeliveryLine &line,
                     const MailingAddress &address, QList<LineProblem> &problems) = 0;
    virtual Status commit() = 0;
    virtual void cancel() = 0;
    // Lower-case hex SHA-256 of the committed file.
    virtual QString sha256() const = 0;
    virtual qint64 transliterated() const { return 0; }
};

// SHA-256 of a file's bytes, lower-case hex; empty when it cannot be read.
QString fileSha256(const QString &path);

} // namespace Relais::Csv
