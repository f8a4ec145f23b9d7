#include "csvwriter.h"

namespace Relais::Csv {

namespace {
constexpr qsizetype FlushThreshold = 256 * 1024;

bool isFormulaStart(QChar c)
{
    switch (c.unicode()) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\t':
    case u'\r':
    case 0xFF1D:
    case 0xFF0B:
    case 0xFF0D:
    case 0xFF20: // full-width forms some spreadsheets accept
        return true;
    default: return false;
    }
}
} // namespace

CsvWriter::CsvWriter(QIODevice *device, Options options) : m_device(device), m_options(options)
{
    if (m_options.encoding == Encoding::Utf8Bom)
        m_buffer.append("\xEF\xBB\xBF");
}

bool CsvWriter::looksLikeFormula(QStringView cell)
{
    // Spreadsheets skip leading spaces before deciding that a cell is a formula.
    for (QChar c : cell) {
        if (c == u' ')
            continue;
        return isFormulaStart(c);
    }
    return false;
}

QString CsvWriter::neutralise(const QString &cell)
{
    // A leading apostrophe is what spreadsheets themselves use to mark "text, not a formula".
    return looksLikeFormula(cell) ? u'\'' + cell : cell;
}

void CsvWriter::writeRow(const QStringList &cells)
{
    m_line.clear();
    const QChar sep = m_options.separator;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            m_line += sep;
        const QString &raw = cells.at(i);
        const bool formula = m_options.neutraliseFormulas && looksLikeFormula(raw);
        bool quote = false;
        for (QChar c : raw) {
            if (c == sep || c == u'"' || c == u'\n' || c == u'\r') {
                quote = true;
                break;
            }
        }
        if (quote)
            m_line += u'"';
        if (formula)
            m_line += u'\'';
        if (quote && raw.contains(u'"')) {
            QString doubled = raw;
            doubled.replace(u'"', QStringLiteral("\"\""));
            m_line += doubled;
        } else {
            m_line += raw;
        }
        if (quote)
            m_line += u'"';
    }
    m_line += QStringLiteral("\r\n");
    if (m_options.encoding == Encoding::Windows1252)
        m_transliterated += appendWindows1252(m_buffer, m_line);
    else
        m_buffer += m_line.toUtf8();
    ++m_rows;
    if (m_buffer.size() >= FlushThreshold)
        flush();
}

bool CsvWriter::flush()
{
    if (m_failed)
        return false;
    if (m_buffer.isEmpty())
        return true;
    m_hash.addData(m_buffer);
    const qint64 n = m_device->write(m_buffer);
    if (n != m_buffer.size()) {
        m_failed = true;
        m_errorString = m_device->errorString();
        return false;
    }
    m_written += n;
    m_buffer.clear();
    return true;
}

QString CsvWriter::sha256() const
{
    return QString::fromLatin1(m_hash.result().toHex());
}

} // namespace Relais::Csv
