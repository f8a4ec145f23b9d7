// libFuzzer target for the desk backup readers (models/deskbackup.h). First byte even: the rest is
// a manifest (FILE.json) read by Manifest::fromJson, which must read back what it writes. Odd: the
// rest is a backup file, given a manifest that matches its size and SHA-256, so that verify()
// goes past the checksum into SQLite's integrity check and the schema comparison; a crafted or
// broken file must be refused with a reason, never crash.

#include "deskbackup.h"
#include "fuzzcheck.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace Relais;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    if (data[0] % 2 == 0) {
        const auto manifest = DeskBackup::Manifest::fromJson(
            QJsonDocument::fromJson(bytes).object());
        if (manifest) {
            const QJsonObject written = manifest->toJson();
            const auto again = DeskBackup::Manifest::fromJson(written);
            FUZZ_CHECK(again.has_value());
            FUZZ_CHECK(again->toJson() == written);
        }
        return 0;
    }
    static QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("fuzz.backup"));
    {
        QFile f(file);
        FUZZ_CHECK(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    DeskBackup::Manifest m;
    m.deskId = QStringLiteral("00000000-0000-4000-8000-000000000001");
    m.kind = QStringLiteral("manual");
    m.createdAt = QStringLiteral("2026-12-03T10:00:00.000Z");
    m.schemaVersion = 1;
    m.bytes = bytes.size();
    m.sha256 = QString::fromLatin1(
        QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    {
        QFile f(DeskBackup::manifestPath(file));
        FUZZ_CHECK(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(m.toJson()).toJson());
    }
    const auto verified = DeskBackup::verify(file);
    if (!verified)
        FUZZ_CHECK(!verified.error().message.isEmpty() || !verified.error().issues.isEmpty());
    return 0;
}
