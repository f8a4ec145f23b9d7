#pragma once
// The pieces of the CSV import shared by its two files: the fields a file's columns map to, the
// header aliases, and the errors naming a file, line and column. csvimportfields.cpp reads headers
// and previews a file; csvimport.cpp imports it.

#include "csvimport.h"
#include "csvreader.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <iterator>

namespace Relais::Csv::Internal {

constexpr int MaxReportedIssues = 200;

enum Field {
    Number,
    Civility,
    FirstName,
    LastName,
    Company,
    Line1,
    Line2,
    Line3,
    Line4,
    Line5,
    Line6,
    PostalCode,
    City,
    Country,
    Email,
    Phone,
    Notes,
    Consents,
    InseeCode,
    TemporaryAddress,
    // Label lines of an export (L2..L5, PAYS): used only when the file lacks the raw field.
    Label2,
    Label3,
    Label4,
    Label5,
    CountryLine,
    Movement,
    FieldCount
};

const QStringList &fieldNames();
const QHash<QString, QString> &aliases();
QString foldHeader(const QString &header);
QString civilityOf(const QString &text);
bool isFormula(QStringView cell);

struct Mapping
{
    int columnOf[FieldCount];
    QStringList header;
    QStringList fieldOfColumn;
    Mapping() { std::fill(std::begin(columnOf), std::end(columnOf), -1); }
    bool has(Field f) const { return columnOf[f] >= 0; }
    QString label(int column) const
    {
        const QString h = header.value(column).trimmed();
        const QString f = fieldOfColumn.value(column);
        if (f.isEmpty() || f == h)
            return h;
        return h + QStringLiteral(" (") + f + u')';
    }
};

Error invalidAt(const QString &fileName, qint64 line, const QString &column, const QString &rule,
                const QString &message);
// Names the column by its header once the header is known ("nom (4)"), by its number before.
Error readError(const QString &fileName, const ReadError &r, const QStringList &header = {});

} // namespace Relais::Csv::Internal
