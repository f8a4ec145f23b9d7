// libFuzzer target for the CSV reader: any bytes must give records or a clean error (never a crash,
// a hang or unbounded memory), and every record read must survive a write/read round trip.
// Built and run by fuzz/run.sh with clang, outside the main build.

#include "csvreader.h"
#include "csvwriter.h"
#include "textcodec.h"

#include <QBuffer>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Relais::Csv;

namespace {

#define check(condition)                                                                           \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "check failed at line %d: %s\n", __LINE__, #condition);           \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

QList<QStringList> readAll(QByteArray bytes, CsvReader::Options options,
                           std::optional<ReadError> *error)
{
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, options);
    QList<QStringList> records;
    QStringList fields;
    while (reader.readRecord(fields) && records.size() < 10000) {
        check(reader.recordLine() >= 1);
        records << fields;
    }
    if (reader.hasError()) {
        check(reader.error().line >= 1 && !reader.error().message.isEmpty()
              && !reader.error().code.isEmpty());
        *error = reader.error();
    }
    return records;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    // Whole-file encoding detection, then reading with what it found.
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    const auto detected = CsvReader::detectEncoding(&buffer);
    check(detected.encoding.has_value() != detected.error.has_value());
    std::optional<ReadError> error;
    const QList<QStringList> records = readAll(bytes,
                                               CsvReader::Options{0, detected.encoding, 4096},
                                               &error);

    // What was read, written again and read back, is the same (separator ';', no neutralising).
    // Written with a BOM: a first field that itself starts with U+FEFF would otherwise be read
    // as a BOM, as every UTF-8 reader does.
    if (!records.isEmpty()) {
        QByteArray written;
        QBuffer out(&written);
        out.open(QIODevice::WriteOnly);
        CsvWriter writer(&out, CsvWriter::Options{Encoding::Utf8Bom, u';', false});
        for (const QStringList &r : records)
            writer.writeRow(r);
        check(writer.flush());
        std::optional<ReadError> again;
        const QList<QStringList> back = readAll(written,
                                                CsvReader::Options{';', Encoding::Utf8, 1 << 30},
                                                &again);
        // Unpaired surrogates cannot be written as UTF-8; the decoders never produce them.
        check(!again.has_value());
        check(back == records);
    }

    // The codecs on their own.
    const QString text = decodeWindows1252(bytes.constData(), bytes.size());
    QByteArray encoded;
    appendWindows1252(encoded, text);
    check(encoded == bytes || text.contains(QChar(0x81)) || text.contains(QChar(0x8D))
          || text.contains(QChar(0x8F)) || text.contains(QChar(0x90))
          || text.contains(QChar(0x9D)));
    check(isValidUtf8(bytes.constData(), bytes.size())
          == (firstInvalidUtf8(bytes.constData(), bytes.size()) < 0));
    return 0;
}
