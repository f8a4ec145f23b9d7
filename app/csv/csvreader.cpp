#include "csvreader.h"

#include <QCoreApplication>

namespace Relais::Csv {

namespace {

constexpr qsizetype ChunkSize = 64 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Csv", text);
}

QString binaryMessage()
{
    return tr(
        "The file contains NUL bytes: it is a binary file (a spreadsheet in .xlsx or .ods form, "
        "or UTF-16 text), not CSV. Save it as CSV and try again.");
}

} // namespace

CsvReader::CsvReader(QIODevice *device, Options options) : m_device(device), m_options(options) {}

bool CsvReader::fail(qint64 line, int column, const char *code, QString message)
{
    m_error = ReadError{line, column, QString::fromLatin1(code), std::move(message)};
    m_done = true;
    return false;
}

bool CsvReader::fill()
{
    if (m_eof || !m_device)
        return false;
    if (m_pos > 0) {
        m_consumed += m_pos;
        m_buf.remove(0, m_pos);
        m_pos = 0;
    }
    const qsizetype before = m_buf.size();
    m_buf.resize(before + ChunkSize);
    const qint64 n = m_device->read(m_buf.data() + before, ChunkSize);
    if (n < 0) {
        m_buf.resize(before);
        m_eof = true;
        return fail(m_line, 0, "csv.read",
                    tr("The file cannot be read: %1").arg(m_device->errorString()));
    }
    m_buf.resize(before + n);
    if (n == 0) {
        m_eof = true;
        return false;
    }
    return true;
}

bool CsvReader::start()
{
    m_started = true;
    while (m_buf.size() < ChunkSize && fill()) {
    }
    if (hasError())
        return false;
    const QByteArrayView head(m_buf);
    if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF"))
        return fail(
            1, 0, "encoding.utf16",
            tr("The file is in UTF-16. Save it as CSV in UTF-8 (or Windows-1252) and try again."));
    if (head.startsWith("\xEF\xBB\xBF")) {
        m_encoding = Encoding::Utf8Bom;
        m_pos = 3;
    } else if (m_options.encoding) {
        m_encoding = *m_options.encoding;
    } else {
        m_encoding = isValidUtf8(head.data(), head.size(), m_eof) ? Encoding::Utf8
                                                                  : Encoding::Windows1252;
    }
    if (m_options.encoding && *m_options.encoding == Encoding::Windows1252)
        m_encoding = Encoding::Windows1252;

    if (m_options.separator) {
        m_separator = m_options.separator;
        return true;
    }
    // The separator is the candidate that appears most on the first line outside quotes; a tie or
    // a single column keeps ';', the French default.
    int counts[4] = {0, 0, 0, 0};
    static constexpr char candidates[4] = {';', ',', '\t', '|'};
    bool quoted = false;
    for (qsizetype i = m_pos; i < m_buf.size(); ++i) {
        const char c = m_buf.at(i);
        if (c == '"') {
            quoted = !quoted;
            continue;
        }
        if (!quoted && (c == '\n' || c == '\r'))
            break;
        if (quoted)
            continue;
        for (int k = 0; k < 4; ++k)
            counts[k] += c == candidates[k] ? 1 : 0;
    }
    int best = 0;
    for (int k = 1; k < 4; ++k)
        if (counts[k] > counts[best])
            best = k;
    m_separator = candidates[best];
    return true;
}

bool CsvReader::pushField()
{
    m_raw << m_field;
    m_rawLines << m_fieldLine;
    m_field.clear();
    return true;
}

bool CsvReader::finishRecord(QStringList &fields)
{
    fields.clear();
    fields.reserve(m_raw.size());
    for (qsizetype i = 0; i < m_raw.size(); ++i) {
        const QByteArray &raw = m_raw.at(i);
        const int column = int(i + 1);
        if (m_encoding == Encoding::Windows1252) {
            if (containsUtf8Sequence(raw.constData(), raw.size()))
                return fail(
                    m_rawLines.at(i), column, "encoding.mixed",
                    tr("This field holds UTF-8 text but the file is Windows-1252 elsewhere: "
                       "the file mixes encodings. Save the whole file as UTF-8 and try again."));
            fields << decodeWindows1252(raw.constData(), raw.size());
        } else {
            if (!isValidUtf8(raw.constData(), raw.size()))
                return fail(
                    m_rawLines.at(i), column, "encoding.mixed",
                    tr("This field is not valid UTF-8 although the file is UTF-8 elsewhere: "
                       "the file mixes encodings. Save the whole file as UTF-8 and try again."));
            fields << decodeUtf8(raw.constData(), raw.size());
        }
    }
    m_raw.clear();
    m_rawLines.clear();
    return true;
}

bool CsvReader::readRecord(QStringList &fields)
{
    fields.clear();
    if (m_done)
        return false;
    if (!m_started && !start())
        return false;
    m_raw.clear();
    m_rawLines.clear();
    m_field.clear();
    m_recordLine = m_line;
    m_fieldLine = m_line;
    enum class State { FieldStart, Unquoted, Quoted, AfterQuote } state = State::FieldStart;
    qint64 quoteLine = m_line;
    qint64 recordBytes = 0;
    const char sep = m_separator;
    auto endOfLine = [&](char c) {
        // CRLF, LF, or a lone CR (old Mac files) end a record.
        if (c == '\r') {
            if (m_pos >= m_buf.size())
                fill();
            if (m_pos < m_buf.size() && m_buf.at(m_pos) == '\n')
                ++m_pos;
        }
        ++m_line;
        pushField();
        return finishRecord(fields);
    };

    for (;;) {
        if (m_pos >= m_buf.size() && !fill()) {
            if (hasError())
                return false;
            m_done = true;
            switch (state) {
            case State::Quoted:
                return fail(
                    quoteLine, int(m_raw.size() + 1), "csv.unclosed_quote",
                    tr("A quoted field opened on this line is never closed: a quote (\") is "
                       "missing, or one inside the text is not doubled."));
            case State::FieldStart:
                if (m_raw.isEmpty())
                    return false; // nothing after the last line break
                break;
            case State::Unquoted:
            case State::AfterQuote: break;
            }
            pushField();
            return finishRecord(fields);
        }
        const char c = m_buf.at(m_pos++);
        if (++recordBytes > m_options.maxRecordBytes)
            return fail(m_recordLine, int(m_raw.size() + 1), "csv.line_too_long",
                        tr("This line is longer than %1 bytes (or a quote is left open and runs on "
                           "through the rest of the file); it is not a subscriber row.")
                            .arg(m_options.maxRecordBytes));
        if (c == '\0')
            return fail(m_line, int(m_raw.size() + 1), "csv.binary", binaryMessage());
        switch (state) {
        case State::FieldStart:
            m_fieldLine = m_line;
            if (c == '"') {
                state = State::Quoted;
                quoteLine = m_line;
                break;
            }
            state = State::Unquoted;
            [[fallthrough]];
        case State::Unquoted:
            if (c == sep) {
                pushField();
                state = State::FieldStart;
            } else if (c == '\n' || c == '\r') {
                return endOfLine(c);
            } else if (c == '"') {
                return fail(
                    m_line, int(m_raw.size() + 1), "csv.stray_quote",
                    tr("A quote (\") appears inside a field that does not start with one. Put "
                       "the whole field in quotes and double the quote inside it."));
            } else {
                m_field += c;
            }
            break;
        case State::Quoted:
            if (c == '"') {
                state = State::AfterQuote;
            } else {
                if (c == '\n')
                    ++m_line;
                m_field += c;
            }
            break;
        case State::AfterQuote:
            if (c == '"') {
                m_field += '"';
                state = State::Quoted;
            } else if (c == sep) {
                pushField();
                state = State::FieldStart;
            } else if (c == '\n' || c == '\r') {
                return endOfLine(c);
            } else {
                return fail(m_line, int(m_raw.size() + 1), "csv.text_after_quote",
                            tr("Text follows the closing quote of a field. A quote inside a quoted "
                               "field must be doubled (\"\")."));
            }
            break;
        }
    }
}

CsvReader::Detection CsvReader::detectEncoding(QIODevice *device)
{
    Detection d;
    if (!device->isSequential())
        device->seek(0);
    QByteArray carry;
    qint64 line = 1;
    bool first = true;
    bool bom = false;
    bool sawInvalid = false, sawMultibyte = false;
    qint64 invalidLine = 0, multibyteLine = 0;
    for (;;) {
        QByteArray chunk = device->read(ChunkSize);
        const bool last = chunk.isEmpty();
        QByteArray data = carry + chunk;
        carry.clear();
        if (first && !data.isEmpty()) {
            first = false;
            if (data.startsWith("\xFF\xFE") || data.startsWith("\xFE\xFF")) {
                d.error = ReadError{1, 0, QStringLiteral("encoding.utf16"),
                                    tr("The file is in UTF-16. Save it as CSV in UTF-8 (or "
                                       "Windows-1252) and try again.")};
                break;
            }
            if (data.startsWith("\xEF\xBB\xBF")) {
                bom = true;
                data.remove(0, 3);
            }
        }
        // Keep an incomplete sequence at the end for the next chunk.
        if (!last) {
            qsizetype cut = data.size();
            for (qsizetype back = 1; back <= 3 && back <= data.size(); ++back) {
                const auto b = static_cast<unsigned char>(data.at(data.size() - back));
                if (b >= 0xC0) {
                    cut = data.size() - back;
                    break;
                }
                if (b < 0x80)
                    break;
            }
            carry = data.mid(cut);
            data.truncate(cut);
        }
        qsizetype i = 0;
        while (i < data.size()) {
            const qsizetype bad = firstInvalidUtf8(data.constData() + i, data.size() - i);
            const qsizetype end = bad < 0 ? data.size() : i + bad;
            for (qsizetype k = i; k < end; ++k) {
                const auto b = static_cast<unsigned char>(data.at(k));
                if (b == '\n')
                    ++line;
                else if (b == 0 && !d.error)
                    d.error = ReadError{line, 0, QStringLiteral("csv.binary"), binaryMessage()};
                else if (b >= 0xC2 && !sawMultibyte) {
                    sawMultibyte = true;
                    multibyteLine = line;
                }
            }
            if (bad < 0)
                break;
            if (!sawInvalid) {
                sawInvalid = true;
                invalidLine = line;
            }
            i = end + 1;
        }
        if (last || d.error)
            break;
    }
    if (!device->isSequential())
        device->seek(0);
    if (d.error)
        return d;
    if (!sawInvalid) {
        d.encoding = bom ? Encoding::Utf8Bom : Encoding::Utf8;
    } else if (!sawMultibyte && !bom) {
        d.encoding = Encoding::Windows1252;
    } else {
        const qint64 where = bom ? invalidLine : qMax(invalidLine, multibyteLine);
        d.error = ReadError{
            where, 0, QStringLiteral("encoding.mixed"),
            tr("The file mixes encodings: some lines are UTF-8 and others are not "
               "(line %1 is UTF-8, line %2 is not). Save the whole file as UTF-8 and "
               "try again.")
                .arg(bom ? 1 : multibyteLine)
                .arg(invalidLine)};
    }
    return d;
}

} // namespace Relais::Csv
