#include "xlsxexport.h"

#include "formats.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>
#include <QTemporaryFile>

#include <xlsxwriter.h>

#include <vector>

namespace Relais::Csv {

namespace {

enum class CellKind { Text, Number, Date };

CellKind kindOf(const QString &key)
{
    if (key == u"copies" || key == u"temporary_address")
        return CellKind::Number;
    if (key == u"start" || key == u"end")
        return CellKind::Date;
    return CellKind::Text; // postal codes, numbers, phones, ids, lines: as typed
}

constexpr double kMaxWidth = 60;

class XlsxSink final : public ExportSink
{
public:
    explicit XlsxSink(QString sheetName) : m_sheetName(std::move(sheetName)) {}
    ~XlsxSink() override { cancel(); }

    QString formatName() const override { return QStringLiteral("xlsx"); }

    Status open(const QString &path) override
    {
        m_path = path;
        // libxlsxwriter writes to a file name: a temporary file beside the target, copied into
        // place through QSaveFile on commit, so a failed or cancelled export leaves nothing.
        m_temp = std::make_unique<QTemporaryFile>(path + QStringLiteral(".XXXXXX.part"));
        if (!m_temp->open())
            return error(path, m_temp->errorString());
        m_temp->close();
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE; // rows go to disk as they come: 400,000 lines fit
        m_book = workbook_new_opt(QFile::encodeName(m_temp->fileName()).constData(), &options);
        if (!m_book)
            return error(path, QCoreApplication::translate("Relais::Csv",
                                                           "the spreadsheet could not be started"));
        m_sheet = workbook_add_worksheet(m_book, m_sheetName.toUtf8().constData());
        m_headerFormat = workbook_add_format(m_book);
        format_set_bold(m_headerFormat);
        format_set_num_format(m_headerFormat, "@");
        m_textFormat = workbook_add_format(m_book);
        format_set_num_format(m_textFormat, "@"); // typed over later, a cell stays text
        m_dateFormat = workbook_add_format(m_book);
        format_set_num_format(m_dateFormat, xlsxDateFormat(QLocale()).toUtf8().constData());
        if (!m_sheet || !m_headerFormat || !m_textFormat || !m_dateFormat)
            return error(path, QCoreApplication::translate("Relais::Csv",
                                                           "the spreadsheet could not be started"));
        return Ok{};
    }

    void header(const QStringList &keys, const QStringList &headers) override
    {
        m_kinds.clear();
        m_widths.clear();
        for (const QString &k : keys) {
            m_kinds.push_back(kindOf(k));
            m_widths.push_back(m_kinds.back() == CellKind::Date ? 11 : 6);
        }
        for (qsizetype c = 0; c < headers.size(); ++c) {
            write(0, lxw_col_t(c), headers.at(c), m_headerFormat);
            m_widths[size_t(c)] = qMax(m_widths[size_t(c)], double(headers.at(c).size()) + 2);
        }
        m_row = 1;
    }

    void row(const QStringList &cells, const QString &, const DeliveryLine &,
             const MailingAddress &, QList<LineProblem> &) override
    {
        for (qsizetype c = 0; c < cells.size() && size_t(c) < m_kinds.size(); ++c) {
            const QString &cell = cells.at(c);
            if (cell.isEmpty())
                continue;
            const lxw_col_t col = lxw_col_t(c);
            switch (m_kinds[size_t(c)]) {
            case CellKind::Number: {
                bool ok = false;
                const double v = cell.toDouble(&ok);
                if (ok) {
                    note(worksheet_write_number(m_sheet, m_row, col, v, nullptr));
                    break;
                }
                write(m_row, col, cell, m_textFormat);
                break;
            }
            case CellKind::Date: {
                const QDate d = QDate::fromString(cell, Qt::ISODate);
                if (d.isValid()) {
                    lxw_datetime dt{d.year(), d.month(), d.day(), 0, 0, 0};
                    note(worksheet_write_datetime(m_sheet, m_row, col, &dt, m_dateFormat));
                    break;
                }
                write(m_row, col, cell, m_textFormat);
                break;
            }
            case CellKind::Text:
                write(m_row, col, cell, m_textFormat);
                m_widths[size_t(c)] = qMax(m_widths[size_t(c)], double(cell.size()) + 1);
                break;
            }
        }
        ++m_row;
    }

    Status commit() override
    {
        if (!m_book)
            return error(m_path, QCoreApplication::translate("Relais::Csv",
                                                             "the spreadsheet was not started"));
        for (size_t c = 0; c < m_kinds.size(); ++c)
            worksheet_set_column(m_sheet, lxw_col_t(c), lxw_col_t(c), qMin(m_widths[c], kMaxWidth),
                                 m_kinds[c] == CellKind::Text ? m_textFormat : nullptr);
        worksheet_freeze_panes(m_sheet, 1, 0);
        if (!m_kinds.empty())
            worksheet_autofilter(m_sheet, 0, 0, m_row > 1 ? m_row - 1 : 0,
                                 lxw_col_t(m_kinds.size() - 1));
        const lxw_error closed = workbook_close(m_book);
        m_book = nullptr;
        if (closed != LXW_NO_ERROR)
            return error(m_path, QString::fromUtf8(lxw_strerror(closed)));
        if (m_failed != LXW_NO_ERROR)
            return error(m_path, QString::fromUtf8(lxw_strerror(m_failed)));
        QFile in(m_temp->fileName());
        if (!in.open(QIODevice::ReadOnly))
            return error(m_path, in.errorString());
        QSaveFile out(m_path);
        if (!out.open(QIODevice::WriteOnly))
            return error(m_path, out.errorString());
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QByteArray chunk;
        while (!(chunk = in.read(1 << 20)).isEmpty()) {
            hash.addData(chunk);
            if (out.write(chunk) != chunk.size()) {
                out.cancelWriting();
                return error(m_path, out.errorString());
            }
        }
        if (!out.commit())
            return error(m_path, out.errorString());
        m_sha256 = QString::fromLatin1(hash.result().toHex());
        m_temp.reset();
        return Ok{};
    }

    void cancel() override
    {
        if (m_book) {
            // Closing is the only way to free the workbook; the temporary file goes with m_temp.
            workbook_close(m_book);
            m_book = nullptr;
        }
        m_temp.reset();
    }

    QString sha256() const override { return m_sha256; }

private:
    void write(lxw_row_t row, lxw_col_t col, const QString &text, lxw_format *format)
    {
        note(worksheet_write_string(m_sheet, row, col, text.toUtf8().constData(), format));
    }
    void note(lxw_error e)
    {
        if (e != LXW_NO_ERROR && m_failed == LXW_NO_ERROR)
            m_failed = e;
    }
    static Error error(const QString &file, const QString &why)
    {
        return Error::make(ErrorKind::Io, QStringLiteral("io.write"),
                           QCoreApplication::translate("Relais::Csv", "Cannot write %1: %2")
                               .arg(file, why));
    }

    QString m_sheetName;
    QString m_path;
    QString m_sha256;
    std::unique_ptr<QTemporaryFile> m_temp;
    lxw_workbook *m_book = nullptr;
    lxw_worksheet *m_sheet = nullptr;
    lxw_format *m_headerFormat = nullptr;
    lxw_format *m_textFormat = nullptr;
    lxw_format *m_dateFormat = nullptr;
    std::vector<CellKind> m_kinds;
    std::vector<double> m_widths;
    lxw_row_t m_row = 0;
    lxw_error m_failed = LXW_NO_ERROR;
};

} // namespace

QString xlsxSheetName(const QString &publicationCode, QDate date)
{
    QString name = publicationCode + u' ' + date.toString(Qt::ISODate);
    for (QChar &c : name)
        if (QStringView(u"[]:*?/\\").contains(c))
            c = u'-';
    return name.left(31);
}

QString xlsxDateFormat(const QLocale &locale)
{
    // Qt's pattern letters to Excel's: day and year alike, months in lower case (minutes do not
    // occur in a date); two-digit years become four.
    QString f = shortDatePattern(locale);
    f.replace(u'M', u'm');
    if (f.contains(u'd') && f.contains(u'm') && f.contains(u'y'))
        return f;
    return QStringLiteral("yyyy-mm-dd");
}

std::unique_ptr<ExportSink> makeXlsxSink(const QString &sheetName)
{
    return std::make_unique<XlsxSink>(sheetName);
}

} // namespace Relais::Csv
