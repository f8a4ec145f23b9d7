#include "csvimport_p.h"

#include "database.h"
#include "importguard.h"
#include "validation.h"
#include "writepath.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace Relais::Csv {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Csv", text);
}

} // namespace

using namespace Internal;

Result<ImportReport> importSubscribers(Store &store, const ImportOptions &options)
{
    const QString fileName = QFileInfo(options.inPath).fileName();
    if (options.skipInvalid && options.rejectsPath.isEmpty())
        return Error::invalid(
            {Issue{QStringLiteral("rejects"), QStringLiteral("rejects.required"),
                   tr("Skipping invalid rows needs a rejects file to keep them in.")}});

    // The explicit mapping: header -> field ("" ignores the column).
    QHash<QString, QString> explicitMapping;
    if (!options.mappingPath.isEmpty()) {
        QFile mf(options.mappingPath);
        if (!mf.open(QIODevice::ReadOnly))
            return Error::make(ErrorKind::Io, QStringLiteral("io.read"),
                               tr("Cannot read %1: %2").arg(options.mappingPath, mf.errorString()));
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(mf.read(1 << 20), &perr);
        if (perr.error != QJsonParseError::NoError || !doc.isObject())
            return Error::invalid(
                {Issue{QFileInfo(options.mappingPath).fileName(), QStringLiteral("mapping.syntax"),
                       tr("The mapping file must be a JSON object {\"column header\": "
                          "\"field\"} (%1).")
                           .arg(perr.error != QJsonParseError::NoError ? perr.errorString()
                                                                       : tr("not an object"))}});
        const QJsonObject o = doc.object();
        for (auto it = o.begin(); it != o.end(); ++it)
            explicitMapping.insert(it.key().trimmed(), it.value().toString().trimmed());
    }
    for (auto it = options.mapping.cbegin(); it != options.mapping.cend(); ++it)
        explicitMapping.insert(it.key().trimmed(), it.value().trimmed());
    for (auto it = explicitMapping.cbegin(); it != explicitMapping.cend(); ++it) {
        if (!it.value().isEmpty() && !fieldNames().contains(it.value()))
            return Error::invalid(
                {Issue{QStringLiteral("mapping"), QStringLiteral("mapping.field"),
                       tr("The mapping names \"%1\" for column \"%2\", which is not a "
                          "field; the fields are: %3 (or \"\" to ignore the column).")
                           .arg(it.value(), it.key(),
                                importFieldNames().join(QStringLiteral(", ")))}});
    }

    QFile file(options.inPath);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QStringLiteral("io.read"),
                           tr("Cannot read %1: %2").arg(options.inPath, file.errorString()));
    const qint64 fileSize = file.size();
    std::optional<Encoding> encoding = options.encoding;
    if (!encoding) {
        const auto detected = CsvReader::detectEncoding(&file);
        if (detected.error)
            return readError(fileName, *detected.error);
        encoding = detected.encoding;
    }
    CsvReader reader(&file, CsvReader::Options{options.separator, encoding,
                                               CsvReader::DefaultMaxRecordBytes});

    ImportReport report;
    report.dryRun = options.dryRun;
    Mapping mapping;
    if (!reader.readRecord(mapping.header)) {
        if (reader.hasError())
            return readError(fileName, reader.error());
        return invalidAt(
            fileName, 0, QString(), QStringLiteral("file.empty"),
            tr("The file is empty: a header row and at least one subscriber row are expected."));
    }
    report.encoding = reader.encoding();
    report.separator = QLatin1Char(reader.separator());

    // Map the header.
    Issues headerIssues;
    auto headerIssue = [&](int column, const QString &rule, const QString &message) {
        headerIssues << Issue{issuePlace(fileName,
                                         ImportIssue{reader.recordLine(),
                                                     column < 0
                                                         ? QString()
                                                         : mapping.header.value(column).trimmed(),
                                                     rule, message}),
                              rule, message};
    };
    for (int c = 0; c < mapping.header.size(); ++c) {
        const QString h = mapping.header.at(c).trimmed();
        std::optional<QString> field;
        if (explicitMapping.contains(h))
            field = explicitMapping.value(h);
        else if (h.isEmpty())
            field = QString();
        else
            field = fieldForHeader(h);
        if (!field) {
            // The exact line to add to a mapping file, the header JSON-quoted as it must be.
            const QString quoted = QString::fromUtf8(
                                       QJsonDocument(QJsonArray{h}).toJson(QJsonDocument::Compact))
                                       .mid(1)
                                       .chopped(1);
            QString message =
                tr("This column is not recognised. To import without it, add this line to "
                   "a mapping file (--mapping FILE, a JSON object): {%1: \"\"}; or put the "
                   "field it gives instead of \"\". The fields are: %2.")
                    .arg(quoted, importFieldNames().join(QStringLiteral(", ")));
            if (mapping.header.size() == 1)
                message += u' '
                           + tr("The first line has a single column: no separator (; , tab or |) "
                                "was found.");
            headerIssue(c, QStringLiteral("header.unknown"), message);
            mapping.fieldOfColumn << QString();
            continue;
        }
        mapping.fieldOfColumn << *field;
        if (field->isEmpty())
            continue;
        const int f = int(fieldNames().indexOf(*field));
        if (mapping.columnOf[f] >= 0) {
            headerIssue(c, QStringLiteral("header.duplicate"),
                        tr("This column and column \"%1\" both give the field %2.")
                            .arg(mapping.header.at(mapping.columnOf[f]).trimmed(), *field));
            continue;
        }
        mapping.columnOf[f] = c;
    }
    // An export's label lines stand for the raw fields only when those are absent.
    for (auto [raw, label] :
         {std::pair{Line2, Label2}, std::pair{Line3, Label3}, std::pair{Line4, Label4},
          std::pair{Line5, Label5}, std::pair{Country, CountryLine}}) {
        if (!mapping.has(raw) && mapping.has(label)) {
            mapping.columnOf[raw] = mapping.columnOf[label];
            mapping.fieldOfColumn[mapping.columnOf[raw]] = fieldNames().at(raw);
        } else if (mapping.has(label)) {
            mapping.fieldOfColumn[mapping.columnOf[label]].clear();
        }
        mapping.columnOf[label] = -1;
    }
    if (headerIssues.isEmpty()) {
        if (!mapping.has(LastName) && !mapping.has(Company) && !mapping.has(Line1))
            headerIssue(-1, QStringLiteral("header.missing"),
                        tr("No column gives the name: a last_name (nom), company (societe) or L1 "
                           "column is needed."));
        if (!mapping.has(Line6) && (!mapping.has(PostalCode) || !mapping.has(City)))
            headerIssue(
                -1, QStringLiteral("header.missing"),
                tr("No columns give the postal code and town: postal_code and city (code postal, "
                   "ville), or L6, are needed."));
        if (!mapping.has(Line4) && !mapping.has(Line5))
            headerIssue(-1, QStringLiteral("header.missing"),
                        tr("No column gives the street: line4 (adresse, L4) or line5 (lieu-dit, "
                           "L5) is needed."));
    }
    if (!headerIssues.isEmpty()) {
        Error e = Error::invalid(headerIssues);
        e.message = tr("%1 cannot be imported; nothing was written.").arg(fileName);
        return e;
    }
    for (int c = 0; c < mapping.header.size(); ++c)
        report.mapping << mapping.header.at(c).trimmed() + QStringLiteral(" -> ")
                              + (mapping.fieldOfColumn.at(c).isEmpty()
                                     ? tr("(ignored)")
                                     : mapping.fieldOfColumn.at(c));

    // A dry run reads in one read transaction (the duplicates it would create are kept in memory)
    // and writes nothing. An import registers itself (ImportGuard), then commits a chunk at a time:
    // a failure, an invalid row (unless skipped) or a cancel takes back every chunk committed.
    struct ReadTransaction
    {
        QSqlDatabase db;
        ~ReadTransaction() { QSqlQuery(db).exec(QStringLiteral("ROLLBACK")); }
    };
    std::optional<ReadTransaction> readTx;
    std::optional<ImportGuard> guard;
    if (options.dryRun) {
        QSqlQuery begin(store.db());
        if (!begin.exec(QStringLiteral("BEGIN")))
            return storageError(QStringLiteral("import"), begin.lastError());
        readTx.emplace(ReadTransaction{store.db()});
    } else {
        guard.emplace(store.db(), store.path());
        if (Status st = guard->begin(options.inPath); !st)
            return st.error();
        QSqlQuery(store.db()).exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
    }

    Result<ImportReport> outcome = [&]() -> Result<ImportReport> {
        QSqlQuery byNumber(store.db());
        byNumber.prepare(QStringLiteral("SELECT 1 FROM subscriber WHERE number = ?"));
        QSqlQuery byName(store.db());
        byName.prepare(
            QStringLiteral("SELECT number, line4, line5 FROM subscriber WHERE postal_code = ? "
                           "AND sort_key = ? AND deleted = 0"));

        std::optional<QSaveFile> rejectsFile;
        std::optional<CsvWriter> rejects;
        auto reject = [&](const QStringList &cells, const QList<ImportIssue> &why) {
            ++report.rejected;
            for (const ImportIssue &i : why)
                if (report.problems.size() < 10 * MaxReportedIssues)
                    report.problems << i;
            if (!options.skipInvalid)
                return;
            if (!rejects) {
                rejectsFile.emplace(options.rejectsPath);
                if (!rejectsFile->open(QIODevice::WriteOnly))
                    return;
                rejects.emplace(&*rejectsFile, CsvWriter::Options{});
                rejects->writeRow(mapping.header + QStringList{QStringLiteral("reject_reason")});
            }
            QStringList reasons;
            for (const ImportIssue &i : why)
                reasons << (i.column.isEmpty() ? QString() : i.column + QStringLiteral(": "))
                               + i.message;
            rejects->writeRow(cells + QStringList{reasons.join(QStringLiteral(" | "))});
        };

        // Rows are written as they are read, a chunk at a time, so memory stays bounded whatever the
        // file's size. Duplicates among the rows not yet written are found here; earlier ones in the
        // database. (A dry run keeps them all here: it writes nothing.)
        QHash<qint64, qint64> numberLines; // number -> line, rows not yet written
        QHash<QString, qint64>
            keyLines; // name + postal code + street -> line, rows not yet written
        qint64 maxNumber = 0;
        QStringList cells;

        // Numbers the file gives, so that rows without one get numbers no later row claims: a first
        // light pass over the number column (8 bytes per row).
        QList<qint64> fileNumbers;
        if (mapping.has(Number)) {
            QFile again(options.inPath);
            if (again.open(QIODevice::ReadOnly)) {
                CsvReader numbers(&again, CsvReader::Options{reader.separator(), encoding,
                                                             CsvReader::DefaultMaxRecordBytes});
                const int column = mapping.columnOf[Number];
                if (numbers.readRecord(cells)) {
                    while (numbers.readRecord(cells)) {
                        QString v = cells.value(column).trimmed();
                        if (v.startsWith(u'\''))
                            v.remove(0, 1);
                        bool ok = false;
                        const qint64 n = v.toLongLong(&ok);
                        if (ok && n > 0)
                            fileNumbers << n;
                    }
                }
            }
            std::sort(fileNumbers.begin(), fileNumbers.end());
            fileNumbers.erase(std::unique(fileNumbers.begin(), fileNumbers.end()),
                              fileNumbers.end());
        }

        const QString publisherId = store.desk().publisherId;
        // The desk's counter, as Store::allocateNumber keeps it (meta number_next, number_end), read
        // again at every chunk: a clerk's save between two chunks may have taken numbers, the sync
        // engine may have leased a new block.
        qint64 nextNumber = 1;
        qint64 numberEnd = 0;
        auto readCounter = [&] {
            nextNumber = qMax<qint64>(1, store
                                             .metaValue(QStringLiteral("number_next"),
                                                        QStringLiteral("1"))
                                             .toLongLong());
            numberEnd = store.metaValue(QStringLiteral("number_end"), QStringLiteral("0"))
                            .toLongLong();
        };
        readCounter();
        bool allocated = false;
        qint64 written = 0;
        const int chunkRows = qMax(1, options.chunkRows);
        int chunkLimit = chunkRows;
        QElapsedTimer chunkClock;
        // Rows are read, checked and kept in memory outside any write transaction; a chunk of them is
        // then written in one short one. So the write lock is held only while rows are written, and
        // a clerk waiting for it gets it between two chunks.
        struct PendingRow
        {
            Subscriber s;
            qint64 line = 0;
            QString key;
        };
        QList<PendingRow> pending;
        // PRAGMA data_version changes when another connection commits: the duplicates read outside
        // the write lock are checked again inside it only then.
        auto dataVersion = [&]() -> qint64 {
            QSqlQuery q(store.db());
            return q.exec(QStringLiteral("PRAGMA data_version")) && q.next()
                       ? q.value(0).toLongLong()
                       : -1;
        };
        qint64 seenVersion = dataVersion();

        // An invalid row without skipInvalid: nothing will be kept, the rest is only checked.
        auto stopWriting = [&] { pending.clear(); };
        static const QRegularExpression frenchLine6(QStringLiteral("^([0-9]{4,5})\\s+(.+)$"));

        auto duplicateKey = [](const Subscriber &s) -> QString {
            const QString street = Validation::foldForPostal(
                s.address.line4.isEmpty() ? s.address.line5 : s.address.line4);
            return Store::sortKey(s) + u'|' + s.address.postalCode.trimmed() + u'|' + street;
        };

        // "" when `s` is new; else why it is a duplicate. `inMemory`: also against the rows read but
        // not yet written.
        auto findDuplicate = [&](const Subscriber &s, const QString &key,
                                 bool inMemory) -> Result<QString> {
            if (s.number > 0) {
                if (const qint64 other = inMemory ? numberLines.value(s.number) : 0)
                    return tr("subscriber number %1 already appears on line %2")
                        .arg(s.number)
                        .arg(other);
                byNumber.addBindValue(s.number);
                if (!byNumber.exec())
                    return storageError(QStringLiteral("import"), byNumber.lastError().text());
                const bool taken = byNumber.next();
                byNumber.finish();
                if (taken)
                    return tr("subscriber number %1 already exists").arg(s.number);
            }
            if (const qint64 other = inMemory ? keyLines.value(key) : 0)
                return tr("the same name, postal code and street already appear on line %1")
                    .arg(other);
            byName.addBindValue(s.address.postalCode.trimmed());
            byName.addBindValue(Store::sortKey(s));
            if (!byName.exec())
                return storageError(QStringLiteral("import"), byName.lastError().text());
            const QString street = key.section(u'|', 2);
            QString found;
            while (byName.next()) {
                const QString existing = Validation::foldForPostal(
                    byName.value(1).toString().isEmpty() ? byName.value(2).toString()
                                                         : byName.value(1).toString());
                if (existing == street) {
                    found = tr("subscriber %1 has the same name, postal code and street")
                                .arg(byName.value(0).toLongLong());
                    break;
                }
            }
            byName.finish();
            return found;
        };
        auto noteDuplicate = [&](qint64 line, const QString &why) {
            ++report.duplicates;
            if (report.notices.size() < 10 * MaxReportedIssues)
                report.notices << ImportIssue{line, QString(), QStringLiteral("duplicate"),
                                              tr("Not imported again: %1.").arg(why)};
        };
        // A number from the desk's counter for a row that has none (skipping those the file gives).
        auto allocate = [&](Subscriber &s, qint64 line) -> Status {
            while (s.number <= 0) {
                if (numberEnd > 0 && nextNumber > numberEnd)
                    return Error::make(
                        ErrorKind::Conflict, QStringLiteral("number.exhausted"),
                        tr("This desk has used its whole block of subscriber numbers. Connect to "
                           "the server once to lease a new block."));
                const qint64 candidate = nextNumber++;
                allocated = true;
                if (std::binary_search(fileNumbers.cbegin(), fileNumbers.cend(), candidate))
                    continue;
                byNumber.addBindValue(candidate);
                const bool taken = byNumber.exec() && byNumber.next();
                byNumber.finish();
                if (!taken)
                    s.number = candidate;
            }
            numberLines.insert(s.number, line);
            return Ok{};
        };
        // Writes the rows kept in memory in one transaction; the last one also takes the import's
        // entry out of meta (its operations may leave the desk from then on).
        auto writeChunk = [&](bool last) -> Status {
            if (pending.isEmpty() && !last)
                return Ok{};
            QElapsedTimer holdClock;
            holdClock.start();
            Transaction tx(store.db());
            if (!tx.isOpen())
                return tx.beginError();
            // The desk's counter: a clerk's save between two chunks may have taken numbers, the sync
            // engine may have leased a new block.
            readCounter();
            const bool recheck = dataVersion() != seenVersion;
            BulkCreate writer(store.db(), store.desk().deskId, store.actor(),
                              QStringLiteral("subscriber"), QStringLiteral("subscriber.create"),
                              guard->info().id);
            for (PendingRow &row : pending) {
                if (recheck) {
                    auto duplicate = findDuplicate(row.s, row.key, false);
                    if (!duplicate)
                        return duplicate.error();
                    if (!duplicate->isEmpty()) {
                        noteDuplicate(row.line, *duplicate);
                        continue;
                    }
                }
                if (Status st = allocate(row.s, row.line); !st)
                    return st;
                row.s.meta.id = newUuid();
                row.s.publisherId = publisherId;
                // The spelling the form stores, so that search by digits finds imported numbers too.
                row.s.phone = Store::storedPhone(row.s);
                if (Status st = writer.add(row.s.meta.id, Rows::subscriber(row.s)); !st) {
                    Error e = st.error();
                    e.message = tr("%1:%2: %3").arg(fileName).arg(row.line).arg(e.message);
                    return e;
                }
                ++written;
            }
            if (Status st = writer.finish(); !st)
                return st;
            // Numbers given in the file are taken: the desk's counter moves past them.
            if (maxNumber >= nextNumber && (numberEnd <= 0 || maxNumber < numberEnd))
                nextNumber = maxNumber + 1;
            if (allocated || maxNumber > 0) {
                if (Status st = store.setMetaValue(QStringLiteral("number_next"),
                                                   QString::number(nextNumber));
                    !st)
                    return st;
            }
            if (last) {
                if (Status st = guard->finishInTransaction(); !st)
                    return st;
            }
            if (Status st = tx.commit(); !st)
                return st;
            const qint64 held = qMax<qint64>(1, holdClock.elapsed());
            // About 150 ms of write lock at a time, whatever the machine's speed; then a pause: a
            // waiting connection polls (SQLite's busy handler sleeps up to 100 ms between tries) and
            // would otherwise keep missing the moment between two chunks.
            chunkLimit = int(std::clamp<qint64>(qint64(chunkLimit) * 150 / held,
                                                qMin(50, chunkRows), chunkRows));
            if (!last) {
                // The import's connection checkpoints here, outside the lock and during the pause
                // (its automatic checkpoint is off: it ran inside COMMIT, every few chunks).
                QElapsedTimer pause;
                pause.start();
                QSqlQuery(store.db()).exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
                const qint64 left = std::clamp<qint64>(held / 4, 5, 50) - pause.elapsed();
                if (left > 0)
                    QThread::msleep(ulong(left));
            }
            // The chunk is in the database now, where the duplicate queries find it.
            pending.clear();
            numberLines.clear();
            keyLines.clear();
            seenVersion = dataVersion();
            return Ok{};
        };

        while (reader.readRecord(cells)) {
            const qint64 line = reader.recordLine();
            if (std::all_of(cells.cbegin(), cells.cend(),
                            [](const QString &c) { return c.trimmed().isEmpty(); }))
                continue; // blank line
            ++report.rows;
            if (options.progress && report.rows % 500 == 0
                && !options.progress(reader.bytesConsumed(), fileSize))
                return Error::make(ErrorKind::Internal, QStringLiteral("cancelled"),
                                   tr("The import was cancelled; nothing was written."));

            QList<ImportIssue> issues;
            if (mapping.has(Movement) && cells.size() == mapping.header.size()
                && Validation::foldForPostal(cells.at(mapping.columnOf[Movement]))
                       == u"SUPPRESSION") {
                // A --changes-since export: a drop is not a subscriber to create.
                if (report.notices.size() < 10 * MaxReportedIssues)
                    report.notices << ImportIssue{
                        line, mapping.label(mapping.columnOf[Movement]),
                        QStringLiteral("movement.drop"),
                        tr("A drop (SUPPRESSION) row of a changes export: not imported.")};
                continue;
            }
            if (cells.size() != mapping.header.size()) {
                issues << ImportIssue{
                    line, QString(), QStringLiteral("row.columns"),
                    tr("This row has %1 cells where the header has %2 columns (a missing "
                       "or extra separator, or a line break inside an unquoted field).")
                        .arg(cells.size())
                        .arg(mapping.header.size())};
                reject(cells, issues);
                if (!options.skipInvalid)
                    stopWriting();
                continue;
            }
            QString value[FieldCount];
            for (int f = 0; f < FieldCount; ++f) {
                const int c = mapping.columnOf[f];
                if (c < 0)
                    continue;
                QString v = cells.at(c).trimmed();
                if (v.startsWith(u'\'') && CsvWriter::looksLikeFormula(QStringView(v).mid(1)))
                    v.remove(0, 1); // neutralised by an export
                else if (isFormula(v))
                    issues << ImportIssue{line, mapping.label(c), QStringLiteral("cell.formula"),
                                          tr("\"%1\" is a spreadsheet formula, not a value.")
                                              .arg(v.left(60))};
                value[f] = v;
            }
            Subscriber s;
            if (!value[Number].isEmpty()) {
                bool ok = false;
                s.number = value[Number].toLongLong(&ok);
                if (!ok || s.number <= 0) {
                    issues << ImportIssue{
                        line, mapping.label(mapping.columnOf[Number]),
                        QStringLiteral("number.format"),
                        tr("\"%1\" is not a subscriber number (a whole number above 0).")
                            .arg(value[Number])};
                    s.number = 0;
                }
            }
            s.civility = civilityOf(value[Civility]);
            s.firstName = value[FirstName];
            s.lastName = value[LastName];
            s.company = value[Company];
            if (!mapping.has(LastName) && !mapping.has(Company) && !mapping.has(FirstName)) {
                // L1 as an export wrote it: civility, first name, last name. The first word after a
                // civility is taken as the first name; without a civility the line is kept whole as the
                // name, so that the rebuilt label reads exactly as before.
                QStringList words = value[Line1].split(u' ', Qt::SkipEmptyParts);
                // Only the form's own spellings: "Monsieur" or "Mlle" stay part of the name, so
                // that the label reads as before.
                const QString civility = words.isEmpty() ? QString() : words.first();
                if (words.size() >= 2 && (civility == u"M." || civility == u"Mme")) {
                    s.civility = civility;
                    if (words.size() >= 3)
                        s.firstName = words.at(1);
                    s.lastName = words.mid(words.size() >= 3 ? 2 : 1).join(u' ');
                } else {
                    s.lastName = words.join(u' ');
                }
            }
            s.address.line2 = value[Line2];
            s.address.line3 = value[Line3];
            s.address.line4 = value[Line4];
            s.address.line5 = value[Line5];
            s.address.postalCode = value[PostalCode];
            s.address.city = value[City];
            s.address.country = value[Country];
            if (!mapping.has(City) && mapping.has(Line6)) {
                // No town column: the town is line 6 after the postal code (NF Z10-011), as a routeur's
                // or another program's label file gives it.
                if (s.address.isFrance()) {
                    const auto m = frenchLine6.match(value[Line6]);
                    if (m.hasMatch()) {
                        if (!mapping.has(PostalCode) || s.address.postalCode.isEmpty())
                            s.address.postalCode = m.captured(1);
                        else if (m.captured(1) != s.address.postalCode)
                            issues << ImportIssue{line, mapping.label(mapping.columnOf[Line6]),
                                                  QStringLiteral("line6.postal_code"),
                                                  tr("Line 6 starts with the postal code %1, but "
                                                     "the postal code column says %2.")
                                                      .arg(m.captured(1), s.address.postalCode)};
                        s.address.city = m.captured(2);
                    } else {
                        issues << ImportIssue{
                            line, mapping.label(mapping.columnOf[Line6]),
                            QStringLiteral("line6.format"),
                            tr("Line 6 of a French address is the 5-digit postal code followed by "
                               "the town; \"%1\" is not.")
                                .arg(value[Line6])};
                    }
                } else {
                    // Abroad the postal code's place in the line varies: the line without it.
                    QString town = value[Line6];
                    if (!s.address.postalCode.isEmpty() && town.contains(s.address.postalCode))
                        town = town.remove(s.address.postalCode).simplified();
                    s.address.city = mapping.has(PostalCode) ? town : value[Line6];
                }
            }
            // The INSEE commune code of files made elsewhere: checked against the postal code with the
            // address (Validation::validateInseeCode, rules insee.*) and kept.
            s.address.inseeCode = value[InseeCode];
            s.email = value[Email];
            s.phone = value[Phone];
            s.notes = value[Notes];
            s.consents = value[Consents];

            auto columnFor = [&](const QString &field) {
                int f = int(fieldNames().indexOf(field));
                if (field == u"line1")
                    f = mapping.has(Line1) ? Line1 : mapping.has(LastName) ? LastName : Company;
                if ((f == PostalCode || f == City) && !mapping.has(PostalCode)
                    && !mapping.has(City))
                    f = Line6;
                if (f >= 0 && mapping.columnOf[f] >= 0)
                    return mapping.label(mapping.columnOf[f]);
                return field;
            };
            for (const Issue &i : Validation::validateSubscriber(s))
                issues << ImportIssue{line, columnFor(i.field), i.rule, i.message};
            if (!issues.isEmpty()) {
                reject(cells, issues);
                if (!options.skipInvalid)
                    stopWriting();
                continue;
            }
            // Duplicates: the same number, or the same name at the same postal code and street. Read
            // outside the write lock; checked again inside it when another connection wrote meanwhile.
            const QString key = duplicateKey(s);
            auto duplicate = findDuplicate(s, key, true);
            if (!duplicate)
                return duplicate.error();
            if (!duplicate->isEmpty()) {
                noteDuplicate(line, *duplicate);
                continue;
            }
            if (value[TemporaryAddress] == u"1" && report.notices.size() < 10 * MaxReportedIssues)
                report.notices << ImportIssue{
                    line, mapping.label(mapping.columnOf[TemporaryAddress]),
                    QStringLiteral("temporary_address"),
                    tr("This row's address was a holiday address on the exported issue; "
                       "it is imported as the subscriber's address.")};
            if (report.rejected > 0 && !options.skipInvalid)
                continue; // nothing will be kept: only check the remaining rows
            keyLines.insert(key, line);
            maxNumber = qMax(maxNumber, s.number);
            if (s.number > 0)
                numberLines.insert(s.number, line);
            if (options.dryRun) {
                if (Status st = allocate(s, line); !st)
                    return st.error();
                ++written;
                continue;
            }
            if (pending.isEmpty())
                chunkClock.start();
            pending << PendingRow{s, line, key};
            if (pending.size() >= chunkLimit || chunkClock.elapsed() >= options.chunkMs) {
                if (Status st = writeChunk(false); !st)
                    return st.error();
                if (options.chunkCommitted)
                    options.chunkCommitted(written);
            }
        }
        if (reader.hasError())
            return readError(fileName, reader.error(), mapping.header);
        if (report.rows == 0)
            return invalidAt(fileName, 0, QString(), QStringLiteral("file.no_rows"),
                             tr("The file has a header but no subscriber rows."));

        if (report.rejected > 0 && !options.skipInvalid) {
            Issues issues;
            for (const ImportIssue &i : report.problems) {
                if (issues.size() >= MaxReportedIssues)
                    break;
                issues << Issue{issuePlace(fileName, i), i.rule, i.message};
            }
            Error e = Error::invalid(issues);
            e.message = QCoreApplication::translate(
                            "Relais::Csv",
                            "%1: %n row(s) are invalid; nothing was imported (use "
                            "--skip-invalid --rejects FILE to import the others).",
                            nullptr, int(report.rejected))
                            .arg(fileName);
            if (report.problems.size() > issues.size())
                e.message += u' ' + tr("The first %1 reasons follow.").arg(issues.size());
            return e;
        }

        report.imported = written;
        if (rejects) {
            if (!rejects->flush() || !rejectsFile->commit())
                return Error::make(ErrorKind::Io, QStringLiteral("io.write"),
                                   tr("Cannot write %1: %2")
                                       .arg(options.rejectsPath, rejectsFile->errorString()));
            report.rejectsPath = options.rejectsPath;
        } else if (rejectsFile) {
            return Error::make(ErrorKind::Io, QStringLiteral("io.write"),
                               tr("Cannot write %1: %2")
                                   .arg(options.rejectsPath, rejectsFile->errorString()));
        }
        if (options.dryRun)
            return report; // the read transaction ends
        if (Status s = writeChunk(true); !s)
            return s.error();
        report.imported = written;
        if (options.progress)
            options.progress(fileSize, fileSize);
        return report;
    }();

    if (guard)
        QSqlQuery(store.db())
            .exec(QStringLiteral("PRAGMA wal_autocheckpoint = 1000")); // SQLite's default
    if (!outcome && guard) {
        // Failed or cancelled: the open chunk rolls back, the committed ones are taken back. If
        // that fails too, the import's entry stays in meta and the next import or sync round
        // takes it back (the lock is released with the guard).
        if (auto undone = guard->undo(); !undone) {
            Error e = outcome.error();
            e.detail += QStringLiteral(" [undo: ") + undone.error().fullText() + u']';
            return e;
        }
    }
    return outcome;
}

} // namespace Relais::Csv
