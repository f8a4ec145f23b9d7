#pragma once
// A streaming RFC 4180 reader for files people bring from spreadsheets and other systems: detects
// the encoding (UTF-8 with or without BOM, Windows-1252) and the separator (; , tab |), keeps line
// numbers for messages, and refuses what is not CSV (binary data, broken quoting, mixed encodings,
// a record over a size limit) with the line and column of the fault. Memory stays bounded by the
// largest record, whatever the size of the file. Qt Core only (the fuzz target builds it alone).

#include "textcodec.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QIODevice>
#include <QStringList>

#include <optional>

namespace Relais::Csv {

struct ReadError
{
    qint64 line = 0; // 1-based physical line
    int column = 0;  // 1-based field number, 0 when it concerns the whole line or file
    QString code;    // stable: csv.binary, csv.stray_quote, csv.unclosed_quote, ...
    QString message; // translated
};

class CsvReader final
{
    // Messages in the context of the rest of the CSV code, where the translations are looked up.
    Q_DECLARE_TR_FUNCTIONS(Relais::Csv)

public:
    static constexpr qint64 DefaultMaxRecordBytes = 1 << 20;

    struct Options
    {
        char separator = 0;               // 0: detect from the first line
        std::optional<Encoding> encoding; // nullopt: detect from the first 64 KiB
        qint64 maxRecordBytes = DefaultMaxRecordBytes;
    };

    explicit CsvReader(QIODevice *device) : CsvReader(device, Options{}) {}
    CsvReader(QIODevice *device, Options options);

    // The next record's fields, decoded. False at the end of the data or on an error (hasError()).
    // An empty line is a record of one empty field.
    bool readRecord(QStringList &fields);

    bool hasError() const { return m_error.has_value(); }
    const ReadError &error() const { return *m_error; }
    qint64 recordLine() const { return m_recordLine; } // where the last record started
    Encoding encoding() const { return m_encoding; }
    char separator() const { return m_separator; }
    qint64 bytesConsumed() const { return m_consumed + m_pos; }

    // Reads the whole device once: Utf8Bom/Utf8 when every byte is well-formed UTF-8, Windows-1252
    // when the text has no well-formed multi-byte UTF-8 sequence at all, an error when it mixes
    // both (line given). Rewinds the device. For seekable devices only.
    struct Detection
    {
        std::optional<Encoding> encoding;
        std::optional<ReadError> error;
    };
    static Detection detectEncoding(QIODevice *device);

private:
    bool start();
    bool fill();
    bool fail(qint64 line, int column, const char *code, QString message);
    bool finishRecord(QStringList &fields);
    bool pushField();

    QIODevice *m_device;
    Options m_options;
    QByteArray m_buf;
    qsizetype m_pos = 0;
    qint64 m_consumed = 0; // bytes dropped from the front of m_buf
    bool m_started = false;
    bool m_eof = false;
    bool m_done = false;
    Encoding m_encoding = Encoding::Utf8;
    char m_separator = ';';
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    QByteArray m_field;
    qint64 m_fieldLine = 1;
    QList<QByteArray> m_raw;
    QList<qint64> m_rawLines;
    std::optional<ReadError> m_error;
};

} // namespace Relais::Csv
