// libFuzzer target for the subscriber import's readers (app/csv/csvimport.h), in a dry run on a desk
// opened once. First byte even: the rest is the mapping file (--mapping, a JSON object of column
// header to field) for a small valid CSV file. Odd: the rest is the CSV file itself, headers and
// rows, read with the header mapping. Any bytes give a report or an error with its reasons.

#include "csvimport.h"
#include "fuzzcheck.h"
#include "store.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>

using namespace Relais;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static QTemporaryDir dir;
    // Never destroyed: its connection would outlive Qt's SQL plugin at exit.
    static Store *store = nullptr;
    if (!store) {
        QLoggingCategory::setFilterRules(QStringLiteral("relais.*=false"));
        auto opened = Store::open(dir.filePath(QStringLiteral("desk.sqlite")));
        FUZZ_CHECK(opened.ok());
        store = new Store(std::move(opened).value());
    }
    const QByteArray bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const bool mappingMode = data[0] % 2 == 0;
    const QString csv = dir.filePath(QStringLiteral("in.csv"));
    const QString mapping = dir.filePath(QStringLiteral("mapping.json"));
    {
        QFile f(csv);
        FUZZ_CHECK(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(mappingMode
                    ? QByteArray("Nom;CP;Ville;Adresse\r\nDupont;75002;PARIS;12 rue de la Paix\r\n")
                    : bytes);
    }
    if (mappingMode) {
        QFile f(mapping);
        FUZZ_CHECK(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    Csv::ImportOptions o;
    o.inPath = csv;
    o.dryRun = true;
    if (mappingMode)
        o.mappingPath = mapping;
    const auto report = Csv::importSubscribers(*store, o);
    if (report) {
        FUZZ_CHECK(report->dryRun);
        FUZZ_CHECK(report->imported + report->duplicates <= report->rows);
    } else {
        FUZZ_CHECK(!report.error().message.isEmpty() || !report.error().issues.isEmpty());
    }
    return 0;
}
