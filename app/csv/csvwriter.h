#pragma once
// Writes CSV the way French spreadsheets and mailing houses read it: a chosen separator (';' by
// default), CRLF, RFC 4180 quoting, UTF-8 with BOM, UTF-8 or Windows-1252. Cells a spreadsheet would
// run as a formula are neutralised. Keeps the SHA-256 of every byte written, for the export log.

#include "textcodec.h"

#include <QCryptographicHash>
#include <QIODevice>
#include <QStringList>

namespace Relais::Csv {

class CsvWriter final
{
public:
    struct Options
    {
        Encoding encoding = Encoding::Utf8Bom;
        QChar separator = u';';
        bool neutraliseFormulas = true;
    };

    CsvWriter(QIODevice *device, Options options);

    void writeRow(const QStringList &cells);
    // Writes what is buffered; false (and errorString()) when the device refused it.
    bool flush();

    qint64 rows() const { return m_rows; }
    qint64 bytesWritten() const { return m_written; }
    // Characters Windows-1252 could not hold, transliterated.
    qint64 transliterated() const { return m_transliterated; }
    // Lower-case hex SHA-256 of everything written so far (call after flush()).
    QString sha256() const;
    QString errorString() const { return m_errorString; }

    // "=1+1" -> "'=1+1": what the writer does to a cell that starts like a formula.
    static QString neutralise(const QString &cell);
    static bool looksLikeFormula(QStringView cell);

private:
    QIODevice *m_device;
    Options m_options;
    QByteArray m_buffer;
    QString m_line;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_rows = 0;
    qint64 m_written = 0;
    qint64 m_transliterated = 0;
    bool m_failed = false;
    QString m_errorString;
};

} // namespace Relais::Csv
