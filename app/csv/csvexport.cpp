#include "csvexport.h"

#include "deliverylist.h"
#include "mailingaddress.h"
#include "validation.h"
#include "xlsxexport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

namespace Relais::Csv {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Csv", text);
}

const QString kPresetPrefix = QStringLiteral("csv.preset.");

const QStringList &routeurColumns()
{
    static const QStringList keys =
        {QStringLiteral("l1"),           QStringLiteral("l2"),
         QStringLiteral("l3"),           QStringLiteral("l4"),
         QStringLiteral("l5"),           QStringLiteral("l6"),
         QStringLiteral("country_line"), QStringLiteral("copies"),
         QStringLiteral("number"),       QStringLiteral("subscription_id")};
    return keys;
}

const QStringList &completColumns()
{
    static const QStringList keys = {QStringLiteral("number"),
                                     QStringLiteral("civility"),
                                     QStringLiteral("first_name"),
                                     QStringLiteral("last_name"),
                                     QStringLiteral("company"),
                                     QStringLiteral("line2"),
                                     QStringLiteral("line3"),
                                     QStringLiteral("line4"),
                                     QStringLiteral("line5"),
                                     QStringLiteral("postal_code"),
                                     QStringLiteral("city"),
                                     QStringLiteral("country"),
                                     QStringLiteral("insee_code"),
                                     QStringLiteral("email"),
                                     QStringLiteral("phone"),
                                     QStringLiteral("copies"),
                                     QStringLiteral("subscription_id"),
                                     QStringLiteral("offer"),
                                     QStringLiteral("start"),
                                     QStringLiteral("end"),
                                     QStringLiteral("payer_number"),
                                     QStringLiteral("temporary_address"),
                                     QStringLiteral("l1"),
                                     QStringLiteral("l2"),
                                     QStringLiteral("l3"),
                                     QStringLiteral("l4"),
                                     QStringLiteral("l5"),
                                     QStringLiteral("l6"),
                                     QStringLiteral("country_line")};
    return keys;
}

// Phone numbers stay readable and are never taken for a formula: a leading "+" becomes the
// international prefix "00", which French phones dial and the import reads back.
QString phoneCell(const QString &phone)
{
    const QString p = phone.trimmed();
    if (p.startsWith(u'+') && !Validation::normalizePhone(p).isEmpty())
        return QStringLiteral("00 ") + p.mid(1).trimmed();
    return p;
}

struct Extra
{
    QString email;
    QString phone;
    QString inseeCode;
};

// Builds the cells of one line for the chosen columns.
class RowBuilder
{
public:
    RowBuilder(QSqlDatabase db, const QStringList &columns)
        : m_columns(columns), m_db(std::move(db))
    {
        for (const QString &c : columns)
            m_needsExtra |= c == u"email" || c == u"phone" || c == u"insee_code";
        if (m_needsExtra) {
            m_extra = QSqlQuery(m_db);
            m_extra.prepare(
                QStringLiteral("SELECT email, phone, insee_code FROM subscriber WHERE id = ?"));
        }
    }

    QStringList cells(const DeliveryLine &l, const MailingAddress &m)
    {
        QStringList out;
        out.reserve(m_columns.size());
        Extra extra;
        if (m_needsExtra) {
            m_extra.addBindValue(l.subscriberId);
            if (m_extra.exec() && m_extra.next()) {
                extra.email = m_extra.value(0).toString();
                extra.phone = m_extra.value(1).toString();
                extra.inseeCode = m_extra.value(2).toString();
            }
            m_extra.finish();
        }
        for (const QString &c : m_columns)
            out << cell(c, l, m, extra);
        return out;
    }

private:
    static QString cell(const QString &key, const DeliveryLine &l, const MailingAddress &m,
                        const Extra &x)
    {
        if (key.size() == 2 && key.at(0) == u'l' && key.at(1) >= u'1' && key.at(1) <= u'6')
            return m.lines[key.at(1).unicode() - u'1'];
        static const QHash<QString, int> index = [] {
            QHash<QString, int> h;
            int i = 0;
            for (const char *k : {"country_line",  "copies",
                                  "number",        "subscription_id",
                                  "civility",      "first_name",
                                  "last_name",     "company",
                                  "line2",         "line3",
                                  "line4",         "line5",
                                  "postal_code",   "city",
                                  "country",       "email",
                                  "phone",         "offer",
                                  "start",         "end",
                                  "payer_number",  "temporary_address",
                                  "subscriber_id", "insee_code"})
                h.insert(QString::fromLatin1(k), i++);
            return h;
        }();
        switch (index.value(key, -1)) {
        case 0: return m.country;
        case 1: return QString::number(l.copies);
        case 2: return QString::number(l.number);
        case 3: return l.subscriptionId;
        case 4: return l.civility;
        case 5: return l.firstName;
        case 6: return l.lastName;
        case 7: return l.company;
        case 8: return l.address.line2;
        case 9: return l.address.line3;
        case 10: return l.address.line4;
        case 11: return l.address.line5;
        case 12: return l.address.postalCode;
        case 13: return l.address.city;
        case 14: return l.address.country;
        case 15: return x.email;
        case 16: return phoneCell(x.phone);
        case 17: return l.offerCode;
        case 18: return l.start.toString(Qt::ISODate);
        case 19: return l.end.toString(Qt::ISODate);
        case 20: return l.payerNumber == l.number ? QString() : QString::number(l.payerNumber);
        case 21: return l.temporaryAddress ? QStringLiteral("1") : QStringLiteral("0");
        case 22: return l.subscriberId;
        // The subscriber's own address only: a holiday address has no INSEE code.
        case 23: return l.temporaryAddress ? QString() : x.inseeCode;
        default: return {};
        }
    }

    QStringList m_columns;
    QSqlDatabase m_db;
    QSqlQuery m_extra;
    bool m_needsExtra = false;
};

Error ioError(const QString &file, const QString &why)
{
    return Error::make(ErrorKind::Io, QStringLiteral("io.write"),
                       tr("Cannot write %1: %2").arg(file, why));
}

Error cancelled()
{
    return Error::make(ErrorKind::Internal, QStringLiteral("cancelled"),
                       tr("The export was cancelled; no file was written."));
}

qint64 estimateLines(QSqlDatabase &db, const Publication &p, QDate date)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM subscription WHERE publication_id = ? "
                             "AND start_date <= ? AND deleted = 0"));
    q.addBindValue(p.meta.id);
    q.addBindValue(date.toString(Qt::ISODate));
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    return 0;
}

// The CSV file for the mailing house, through QSaveFile: all or nothing.
class CsvSink final : public ExportSink
{
public:
    explicit CsvSink(CsvWriter::Options options) : m_options(options) {}

    QString formatName() const override { return QStringLiteral("csv"); }
    Status open(const QString &path) override
    {
        m_file.setFileName(path);
        if (!m_file.open(QIODevice::WriteOnly))
            return ioError(path, m_file.errorString());
        m_writer = std::make_unique<CsvWriter>(&m_file, m_options);
        return Ok{};
    }
    void header(const QStringList &, const QStringList &headers) override
    {
        m_writer->writeRow(headers);
    }
    void row(const QStringList &cells, const QString &, const DeliveryLine &,
             const MailingAddress &, QList<LineProblem> &) override
    {
        m_writer->writeRow(cells);
    }
    Status commit() override
    {
        if (!m_writer->flush()) {
            m_file.cancelWriting();
            return ioError(m_file.fileName(), m_writer->errorString());
        }
        if (!m_file.commit())
            return ioError(m_file.fileName(), m_file.errorString());
        return Ok{};
    }
    void cancel() override { m_file.cancelWriting(); }
    QString sha256() const override { return m_writer->sha256(); }
    qint64 transliterated() const override { return m_writer->transliterated(); }

private:
    CsvWriter::Options m_options;
    QSaveFile m_file;
    std::unique_ptr<CsvWriter> m_writer;
};

} // namespace

const QList<ColumnInfo> &allColumns()
{
    static const QList<ColumnInfo> list = [] {
        QList<ColumnInfo> l;
        auto add = [&l](const char *key, const char *header, const char *description) {
            l << ColumnInfo{QString::fromLatin1(key), QString::fromLatin1(header),
                            QCoreApplication::translate("Relais::Csv", description)};
        };
        add("l1", "L1", "Label line 1: civility, first name, last name (or the company)");
        add("l2", "L2", "Label line 2: apartment, floor, c/o");
        add("l3", "L3", "Label line 3: building, residence");
        add("l4", "L4", "Label line 4: number and street, capitals, abbreviated if needed");
        add("l5", "L5", "Label line 5: lieu-dit, BP, capitals");
        add("l6", "L6", "Label line 6: postal code and routing label");
        add("country_line", "PAYS", "Country line for addresses abroad (empty for France)");
        add("copies", "EXEMPLAIRES", "Copies to deliver");
        add("number", "NUMERO_ABONNE", "Subscriber number");
        add("subscription_id", "ID_ABONNEMENT", "Subscription id");
        add("subscriber_id", "subscriber_id", "Subscriber id");
        add("civility", "civility", "Civility");
        add("first_name", "first_name", "First name");
        add("last_name", "last_name", "Last name");
        add("company", "company", "Company");
        add("line2", "line2", "Address line 2 as typed");
        add("line3", "line3", "Address line 3 as typed");
        add("line4", "line4", "Address line 4 as typed");
        add("line5", "line5", "Address line 5 as typed");
        add("postal_code", "postal_code", "Postal code");
        add("city", "city", "Town as typed");
        add("country", "country", "Country as typed");
        add("insee_code", "insee_code", "INSEE commune code (empty for a holiday address)");
        add("email", "email", "E-mail address");
        add("phone", "phone", "Phone number");
        add("offer", "offer", "Offer code");
        add("start", "start", "Subscription start date");
        add("end", "end", "Subscription end date");
        add("payer_number", "payer_number", "Payer's subscriber number when someone else pays");
        add("temporary_address", "temporary_address",
            "1 when a holiday address applies on the issue date");
        return l;
    }();
    return list;
}

QStringList builtinPresetNames()
{
    return {QStringLiteral("routeur"), QStringLiteral("complet")};
}

Status checkColumns(const QStringList &columnKeys)
{
    Issues issues;
    if (columnKeys.isEmpty())
        issues << Issue{QStringLiteral("columns"), QStringLiteral("columns.empty"),
                        tr("Choose at least one column.")};
    for (const QString &k : columnKeys) {
        const bool known = std::any_of(allColumns().cbegin(), allColumns().cend(),
                                       [&](const ColumnInfo &c) { return c.key == k; });
        if (!known)
            issues << Issue{QStringLiteral("columns"), QStringLiteral("columns.unknown"),
                            tr("\"%1\" is not a column; the columns are: %2").arg(k, [] {
                                QStringList keys;
                                for (const ColumnInfo &c : allColumns())
                                    keys << c.key;
                                return keys.join(QStringLiteral(", "));
                            }())};
    }
    if (!issues.isEmpty())
        return Error::invalid(issues);
    return Ok{};
}

QStringList presetNames(Store &store)
{
    QStringList names = builtinPresetNames();
    QSqlQuery q(store.db());
    q.prepare(QStringLiteral("SELECT key FROM meta WHERE key LIKE ? ORDER BY key"));
    q.addBindValue(QString(kPresetPrefix + u'%'));
    if (q.exec())
        while (q.next())
            names << q.value(0).toString().mid(kPresetPrefix.size());
    return names;
}

Result<QStringList> presetColumns(Store &store, const QString &name)
{
    if (name == u"routeur")
        return routeurColumns();
    if (name == u"complet")
        return completColumns();
    const QString saved = store.metaValue(kPresetPrefix + name);
    if (saved.isEmpty())
        return Error::make(ErrorKind::NotFound, QStringLiteral("preset.unknown"),
                           tr("There is no export preset named \"%1\"; the presets are: %2")
                               .arg(name, presetNames(store).join(QStringLiteral(", "))));
    return saved.split(u',', Qt::SkipEmptyParts);
}

Status savePreset(Store &store, const QString &name, const QStringList &columnKeys)
{
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z0-9_-]{1,40}$"));
    if (!nameRe.match(name).hasMatch())
        return Error::invalid(
            {Issue{QStringLiteral("preset"), QStringLiteral("preset.name"),
                   tr("A preset name has 1 to 40 letters, digits, '-' or '_'.")}});
    if (builtinPresetNames().contains(name))
        return Error::invalid(
            {Issue{QStringLiteral("preset"), QStringLiteral("preset.builtin"),
                   tr("\"%1\" is a built-in preset; choose another name.").arg(name)}});
    if (Status s = checkColumns(columnKeys); !s)
        return s;
    return store.setMetaValue(kPresetPrefix + name, columnKeys.join(u','));
}

QString fileSha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

QString warningsPathFor(const QString &outPath)
{
    const QFileInfo fi(outPath);
    const QString base = fi.suffix().isEmpty() ? fi.fileName() : fi.completeBaseName();
    return fi.dir().filePath(base + QStringLiteral(".warnings.csv"));
}

Result<ExportSummary> exportDeliveryList(Store &store, const ExportOptions &options)
{
    return exportDeliveryList(store, options, nullptr);
}

Result<ExportSummary> exportDeliveryList(Store &store, const ExportOptions &options,
                                         ExportSink *sink)
{
    const auto publication = store.publicationByCode(options.publicationCode);
    if (!publication)
        return Error::make(ErrorKind::NotFound, QStringLiteral("publication.unknown"),
                           tr("There is no title with code %1.").arg(options.publicationCode));
    if (Status s = DeliveryListQuery::checkIssueDay(*publication, options.date); !s)
        return s.error();
    if (options.changesSince.isValid()) {
        if (Status s = DeliveryListQuery::checkIssueDay(*publication, options.changesSince); !s)
            return s.error();
    }
    QStringList columns = options.columns;
    QString presetLabel = options.columns.isEmpty() ? options.preset : QStringLiteral("custom");
    if (columns.isEmpty()) {
        auto p = presetColumns(store, options.preset);
        if (!p)
            return p.error();
        columns = *p;
    }
    if (Status s = checkColumns(columns); !s)
        return s.error();
    if (options.separator == u'"' || options.separator == u'\r' || options.separator == u'\n'
        || options.separator.isNull())
        return Error::invalid(
            {Issue{QStringLiteral("separator"), QStringLiteral("separator.invalid"),
                   tr("The separator cannot be a quote or a line break.")}});

    std::unique_ptr<ExportSink> own;
    if (!sink) {
        if (options.format == Format::Xlsx)
            own = makeXlsxSink(xlsxSheetName(publication->code, options.date));
        else
            own = std::make_unique<CsvSink>(
                CsvWriter::Options{options.encoding, options.separator, true});
        sink = own.get();
    }
    if (Status s = sink->open(options.outPath); !s)
        return s.error();
    const QString warningsPath = warningsPathFor(options.outPath);
    QSaveFile warningsFile(warningsPath);
    if (!warningsFile.open(QIODevice::WriteOnly)) {
        sink->cancel();
        return ioError(warningsPath, warningsFile.errorString());
    }
    CsvWriter warnings(&warningsFile,
                       CsvWriter::Options{options.encoding, options.separator, true});
    warnings.writeRow({QStringLiteral("number"), QStringLiteral("line"), QStringLiteral("reason")});

    QStringList header, keys;
    const bool changes = options.changesSince.isValid();
    if (changes) {
        header << QStringLiteral("MOUVEMENT");
        keys << QStringLiteral("movement");
    }
    for (const QString &key : columns)
        for (const ColumnInfo &c : allColumns())
            if (c.key == key) {
                header << c.header;
                keys << key;
            }
    sink->header(keys, header);

    ExportSummary summary;
    RowBuilder builder(store.db(), columns);
    DeliveryListQuery query(store.db());
    qint64 done = 0;
    qint64 total = estimateLines(store.db(), *publication, options.date) * (changes ? 3 : 1);
    bool stopped = false;
    auto tick = [&] {
        ++done;
        if (options.progress && done % 1000 == 0 && !options.progress(done, qMax(total, done))) {
            stopped = true;
            return false;
        }
        return true;
    };
    auto emitLine = [&](const DeliveryLine &l, const QString &movement) {
        const MailingAddress m = formatMailingAddress(l);
        QStringList cells = builder.cells(l, m);
        if (!movement.isEmpty())
            cells.prepend(movement);
        QList<LineProblem> problems = m.problems;
        sink->row(cells, movement, l, m, problems);
        ++summary.rows;
        if (movement != u"SUPPRESSION") {
            summary.copies += l.copies;
            summary.abbreviated += m.abbreviated ? 1 : 0;
            for (const LineProblem &p : problems) {
                warnings.writeRow({QString::number(l.number), QString::number(p.line), p.reason});
                ++summary.warnings;
            }
        }
    };

    Result<DeliverySummary> r = DeliverySummary{};
    if (!changes) {
        r = query.forEach(*publication, options.date, [&](const DeliveryLine &l) {
            emitLine(l, QString());
            return tick();
        });
    } else {
        // Adds and drops: a subscription whose printed row differs between the two issues (a new
        // address, other copies) is dropped with its old row and added with its new one.
        auto fingerprint = [&](const DeliveryLine &l) {
            return qHash(builder.cells(l, formatMailingAddress(l)).join(QChar(0x1F)));
        };
        QHash<QString, size_t> before, after;
        r = query.forEach(*publication, options.changesSince, [&](const DeliveryLine &l) {
            before.insert(l.subscriptionId, fingerprint(l));
            return tick();
        });
        if (r) {
            r = query.forEach(*publication, options.date, [&](const DeliveryLine &l) {
                const size_t h = fingerprint(l);
                after.insert(l.subscriptionId, h);
                const auto it = before.constFind(l.subscriptionId);
                if (it == before.constEnd() || *it != h) {
                    emitLine(l, QStringLiteral("AJOUT"));
                    ++summary.adds;
                }
                return tick();
            });
        }
        if (r) {
            r = query.forEach(*publication, options.changesSince, [&](const DeliveryLine &l) {
                const auto it = after.constFind(l.subscriptionId);
                if (it == after.constEnd() || *it != before.value(l.subscriptionId)) {
                    emitLine(l, QStringLiteral("SUPPRESSION"));
                    ++summary.drops;
                }
                return tick();
            });
        }
    }
    if (stopped) {
        sink->cancel();
        warningsFile.cancelWriting();
        return cancelled();
    }
    if (!r) {
        sink->cancel();
        warningsFile.cancelWriting();
        return r.error();
    }
    if (!warnings.flush()) {
        sink->cancel();
        warningsFile.cancelWriting();
        return ioError(warningsPath, warnings.errorString());
    }
    if (Status s = sink->commit(); !s) {
        warningsFile.cancelWriting();
        return s.error();
    }
    if (summary.warnings > 0) {
        if (!warningsFile.commit())
            return ioError(warningsPath, warningsFile.errorString());
        summary.warningsPath = warningsPath;
    } else {
        warningsFile.cancelWriting();
        QFile::remove(warningsPath); // a stale list from an earlier export would mislead
    }
    summary.sha256 = sink->sha256();
    summary.transliterated = sink->transliterated();
    if (options.progress)
        options.progress(done, done);

    if (sink->formatName() != u"csv")
        presetLabel += QStringLiteral(" (%1)").arg(sink->formatName());
    if (changes)
        presetLabel += QStringLiteral(" (changes since %1)")
                           .arg(options.changesSince.toString(Qt::ISODate));
    QSqlQuery q(store.db());
    q.prepare(QStringLiteral(
        "INSERT INTO export_log (at, clerk, desk_id, publication_code, issue_date, "
        "preset, file_name, rows, sha256, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(nowUtcIso());
    q.addBindValue(store.actor().clerk);
    q.addBindValue(store.desk().deskId);
    q.addBindValue(publication->code);
    q.addBindValue(options.date.toString(Qt::ISODate));
    q.addBindValue(presetLabel);
    q.addBindValue(QFileInfo(options.outPath).absoluteFilePath());
    q.addBindValue(summary.rows);
    q.addBindValue(summary.sha256);
    q.addBindValue(summary.warnings);
    if (!q.exec())
        return storageError(QStringLiteral("export_log"), q.lastError().text());
    summary.logId = q.lastInsertId().toLongLong();
    return summary;
}

Result<QList<ExportLogEntry>> exportLog(Store &store, int limit)
{
    QSqlQuery q(store.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT id, at, clerk, desk_id, publication_code, issue_date, preset, "
        "file_name, rows, sha256, warnings FROM export_log ORDER BY id DESC LIMIT ?"));
    q.addBindValue(limit > 0 ? limit : -1);
    if (!q.exec())
        return storageError(QStringLiteral("export_log"), q.lastError().text());
    QList<ExportLogEntry> out;
    while (q.next()) {
        ExportLogEntry e;
        e.id = q.value(0).toLongLong();
        e.at = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
        e.clerk = q.value(2).toString();
        e.deskId = q.value(3).toString();
        e.publicationCode = q.value(4).toString();
        e.issueDate = QDate::fromString(q.value(5).toString(), Qt::ISODate);
        e.preset = q.value(6).toString();
        e.fileName = q.value(7).toString();
        e.rows = q.value(8).toLongLong();
        e.sha256 = q.value(9).toString();
        e.warnings = q.value(10).toLongLong();
        out << e;
    }
    return out;
}

} // namespace Relais::Csv
