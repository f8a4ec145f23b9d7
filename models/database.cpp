#include "database.h"

#include "inbound.h"

#include "migrations.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QStorageInfo>

#if defined(Q_OS_LINUX)
#include <sys/vfs.h>
#elif defined(Q_OS_WIN)
#include <qt_windows.h>
#endif

Q_LOGGING_CATEGORY(lcDb, "relais.db", QtInfoMsg)

#if defined(Q_OS_WIN) && defined(Q_CC_MINGW)
// Qt 6.4 keeps each thread's stack for its regular expressions' JIT code in a thread_local
// std::unique_ptr (qregularexpression.cpp). With MinGW-w64 a thread_local object with a destructor
// is destroyed after its thread's storage was freed (GCC bug 80816, mingw-w64 bug 527): when a
// thread that matched a QRegularExpression ends (the desk's backup and export threads do), Qt frees
// a stale pointer, corrupting the heap or leaving its lock held so that the program hangs as it
// exits. Without the JIT, PCRE2's interpreter never touches that object. Set before main(), and in
// every program and test that links the desk's database (Qt reads the variable once).
static void disableRegexJitOnMinGW()
{
    qputenv("QT_ENABLE_REGEXP_JIT", "0");
}
Q_CONSTRUCTOR_FUNCTION(disableRegexJitOnMinGW)
#endif

namespace Relais {

namespace {

// The context lupdate gives a tr() called from a free function of namespace Relais.
QString tr(const char *text)
{
    return QCoreApplication::translate("Relais", text);
}

// SQLite's primary result codes (sqlite3.h), as QSqlError::nativeErrorCode() carries them.
enum SqliteCode {
    Busy = 5,
    Locked = 6,
    ReadOnly = 8,
    IoErr = 10,
    Corrupt = 11,
    Full = 13,
    Constraint = 19
};

int codeFromText(const QString &text)
{
    // SQLite's own wording, stable across versions (sqlite3ErrStr).
    if (text.contains(QLatin1StringView("database is locked"))
        || text.contains(QLatin1StringView("is locked")))
        return Busy;
    if (text.contains(QLatin1StringView("UNIQUE constraint failed")))
        return Constraint;
    if (text.contains(QLatin1StringView("database or disk is full")))
        return Full;
    if (text.contains(QLatin1StringView("readonly database")))
        return ReadOnly;
    if (text.contains(QLatin1StringView("disk I/O error")))
        return IoErr;
    if (text.contains(QLatin1StringView("disk image is malformed"))
        || text.contains(QLatin1StringView("not a database")))
        return Corrupt;
    return 0;
}

Error storageErrorFor(int code, const QString &what, const QString &driverText)
{
    // A clerk reads a sentence that says what happened to their change and what to do; SQLite's own
    // words go to the detail, for the log.
    Error e;
    e.kind = ErrorKind::Storage;
    e.detail = what + QStringLiteral(": ") + driverText;
    switch (code) {
    case Busy:
    case Locked:
        e.code = QStringLiteral("storage.busy");
        e.message = tr(
            "Another task is writing to the desk database; your change was not saved — nothing "
            "was lost. Try again in a moment.");
        break;
    case Constraint:
        if (!driverText.contains(QLatin1StringView("UNIQUE constraint failed"))) {
            e.code = QStringLiteral("storage");
            e.message = tr(
                "The desk database refused the change; it was not saved. If this happens again, "
                "tell your support team.");
            break;
        }
        // Another connection took the same number or code between the check and the write.
        e.kind = ErrorKind::Conflict;
        e.code = QStringLiteral("storage.duplicate");
        e.message = tr(
            "The same number or code was just recorded by another task; your change was not "
            "saved. Look the record up again and retry.");
        break;
    case Full:
        e.code = QStringLiteral("storage.full");
        e.message = tr(
            "The disk that holds the desk database is full; your change was not saved. Free some "
            "space, then try again.");
        break;
    case ReadOnly:
        e.code = QStringLiteral("storage.read_only");
        e.message = tr(
            "The desk database cannot be written to (the file or its folder is read-only); your "
            "change was not saved.");
        break;
    case IoErr:
        e.code = QStringLiteral("storage.io");
        e.message = tr(
            "The disk could not read or write the desk database; your change was not saved. If "
            "this happens again, tell your support team.");
        break;
    case Corrupt:
        e.code = QStringLiteral("storage.corrupt");
        e.message = tr(
            "The desk database is damaged; your change was not saved. Tell your support team "
            "(relaisctl check says more).");
        break;
    default:
        e.code = QStringLiteral("storage");
        e.message = tr(
            "The desk database refused the change; it was not saved. If this happens again, "
            "tell your support team.");
        break;
    }
    return e;
}

} // namespace

Error storageError(const QString &what, const QString &driverText)
{
    return storageErrorFor(codeFromText(driverText), what, driverText);
}

Error storageError(const QString &what, const QSqlError &error)
{
    bool ok = false;
    const int native = error.nativeErrorCode().toInt(&ok);
    const int code = ok && native > 0 ? (native & 0xff) : codeFromText(error.text());
    return storageErrorFor(code, what, error.text());
}

QString networkFileSystemName(quint64 statfsType, const QString &mountType)
{
    // Magic numbers of linux/magic.h and of the file systems' own headers.
    static const struct
    {
        quint64 magic;
        const char *name;
    } kNetwork[] = {
        {0x6969, "nfs"},          {0x517B, "smb"},        {0xFF534D42, "cifs"},
        {0xFE534D42, "smb2"},     {0x564C, "ncp"},        {0x73757245, "coda"},
        {0x5346414F, "afs"},      {0x6B414653, "afs"},    {0x00C36400, "ceph"},
        {0x01021997, "9p"},       {0x0BD00BD0, "lustre"}, {0x47504653, "gpfs"},
        {0x13661366, "orangefs"}, {0x61636673, "acfs"},
    };
    for (const auto &n : kNetwork)
        if (n.magic == statfsType)
            return QString::fromLatin1(n.name);
    // FUSE (0x65735546) carries local file systems too (ntfs-3g, exfat): its mount type tells.
    if (statfsType == 0x65735546) {
        static const QStringList kNetworkFuse = {
            QStringLiteral("sshfs"),     QStringLiteral("rclone"),    QStringLiteral("s3fs"),
            QStringLiteral("gcsfuse"),   QStringLiteral("glusterfs"), QStringLiteral("davfs"),
            QStringLiteral("curlftpfs"), QStringLiteral("afpfs"),     QStringLiteral("ceph-fuse"),
            QStringLiteral("smbnetfs"),  QStringLiteral("goofys"),    QStringLiteral("juicefs"),
        };
        const QString sub = mountType.section(u'.', 1);
        if (kNetworkFuse.contains(sub))
            return mountType;
    }
    return {};
}

QString networkFileSystemOf(const QString &path)
{
    const QString folder = QFileInfo(path).absolutePath();
#if defined(Q_OS_LINUX)
    struct statfs st = {};
    if (::statfs(QFile::encodeName(folder).constData(), &st) != 0)
        return {};
    return networkFileSystemName(quint64(quint32(st.f_type)),
                                 QString::fromLatin1(QStorageInfo(folder).fileSystemType()));
#elif defined(Q_OS_WIN)
    const QString native = QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
    if (native.startsWith(QStringLiteral("\\\\")))
        return QStringLiteral("network share");
    const QString root = native.left(3); // "C:\\"
    if (GetDriveTypeW(reinterpret_cast<const wchar_t *>(root.utf16())) == DRIVE_REMOTE)
        return QStringLiteral("network drive");
    return {};
#else
    static const QStringList kNetwork = {QStringLiteral("nfs"), QStringLiteral("smbfs"),
                                         QStringLiteral("afpfs"), QStringLiteral("webdav"),
                                         QStringLiteral("cifs")};
    const QString type = QString::fromLatin1(QStorageInfo(folder).fileSystemType());
    return kNetwork.contains(type) ? type : QString();
#endif
}

Result<Database> Database::open(const QString &path)
{
    return openImpl(path, Migrations::currentVersion());
}

Result<Database> Database::openAtVersion(const QString &path, int schemaVersion)
{
    return openImpl(path, schemaVersion);
}

Result<Database> Database::openImpl(const QString &path, int targetVersion)
{
    static QAtomicInteger<quint64> counter;
    const QFileInfo info(path);
    if (!info.absoluteDir().exists())
        return Error::make(ErrorKind::Io, QStringLiteral("db.folder_missing"),
                           QCoreApplication::translate("Relais", "The folder %1 does not exist.")
                               .arg(QDir::toNativeSeparators(info.absolutePath())));
    if (info.exists() && !info.isFile())
        return Error::make(ErrorKind::Io, QStringLiteral("db.not_a_file"),
                           QCoreApplication::translate("Relais", "%1 is not a file.")
                               .arg(QDir::toNativeSeparators(path)));

    if (const QString fs = path == u":memory:" ? QString() : networkFileSystemOf(path);
        !fs.isEmpty())
        return Error::make(
            ErrorKind::Io, QStringLiteral("db.network_fs"),
            QCoreApplication::translate(
                "Relais", "%1 is on a network file system (%2): a desk database must be on a disk "
                          "of this computer, because SQLite needs shared memory that network file "
                          "systems do not provide. Move it to a local folder.")
                .arg(QDir::toNativeSeparators(path), fs));

    Database d;
    d.m_path = path;
    d.m_connection = QStringLiteral("relais-%1").arg(counter.fetchAndAddRelaxed(1));
    d.m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d.m_connection);
    d.m_db.setDatabaseName(path);
    // A busy desk (sync worker and window) waits for the other writer instead of failing at once.
    d.m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
    if (!d.m_db.open()) {
        Error e = storageError(QStringLiteral("open ") + path, d.m_db.lastError());
        e.message = QCoreApplication::translate("Relais", "Cannot open %1.")
                        .arg(QDir::toNativeSeparators(path))
                    + u' ' + e.message;
        return e;
    }

    QSqlQuery q(d.m_db);
    // Reject a file that is not an SQLite database before writing anything into it.
    if (!q.exec(QStringLiteral("PRAGMA schema_version")))
        return Error::make(ErrorKind::Io, QStringLiteral("db.not_sqlite"),
                           QCoreApplication::translate("Relais",
                                                       "%1 is not a Relais database (%2).")
                               .arg(QDir::toNativeSeparators(path), q.lastError().text()));
    q.finish();
    const QStringList pragmas = {
        QStringLiteral("PRAGMA journal_mode = WAL"),
        // FULL: with NORMAL a committed transaction can vanish on power loss in WAL mode.
        QStringLiteral("PRAGMA synchronous = FULL"),
        QStringLiteral("PRAGMA foreign_keys = ON"),
        QStringLiteral("PRAGMA cache_size = -65536"),
        QStringLiteral("PRAGMA temp_store = MEMORY"),
        // Reads of a big desk through the page cache of the OS, without a read() per page.
        QStringLiteral("PRAGMA mmap_size = 1073741824"),
    };
    for (const QString &p : pragmas) {
        if (!q.exec(p))
            return storageError(p, q.lastError());
        // SQLite answers the journal mode it ended in: a file system without shared memory keeps
        // the old one, and the desk would go on without the WAL its durability rests on.
        if (p.contains(QLatin1StringView("journal_mode")) && path != u":memory:"
            && !(q.next() && q.value(0).toString().compare(u"wal", Qt::CaseInsensitive) == 0))
            return Error::make(
                ErrorKind::Io, QStringLiteral("db.no_wal"),
                QCoreApplication::translate(
                    "Relais", "The file system that holds %1 cannot run SQLite's write-ahead log "
                              "(WAL: it lacks shared memory or locks); the desk database needs it. "
                              "Move the file to a local disk of this computer.")
                    .arg(QDir::toNativeSeparators(path)));
        q.finish();
    }
    // Indexes a first copy builds at its end, back at once if that copy was cut short.
    if (Status s = Inbound::restoreDeferredIndexes(d.m_db); !s)
        return s.error();
    if (Status s = Migrations::migrate(d.m_db, targetVersion); !s) {
        Error e = s.error();
        // Which step failed is what an operator needs here; SQLite's words stay in the detail.
        if (e.kind == ErrorKind::Storage && !e.detail.isEmpty())
            e.message =
                QCoreApplication::translate(
                    "Relais",
                    "Upgrading the desk database failed (%1); it was left as it was. Tell your "
                    "support team.")
                    .arg(e.detail.section(QStringLiteral(": "), 0, 0));
        return e;
    }
    qCDebug(lcDb) << "opened" << path << "schema" << d.schemaVersion();
    return d;
}

Database::Database(Database &&other) noexcept
    : m_db(std::move(other.m_db)), m_connection(std::move(other.m_connection)),
      m_path(std::move(other.m_path))
{
    other.m_db = QSqlDatabase();
    other.m_connection.clear();
}

Database &Database::operator=(Database &&other) noexcept
{
    std::swap(m_db, other.m_db);
    std::swap(m_connection, other.m_connection);
    std::swap(m_path, other.m_path);
    return *this;
}

Database::~Database()
{
    if (m_connection.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

int Database::schemaVersion() const
{
    QSqlDatabase db = m_db;
    return Migrations::versionOf(db);
}

Transaction::Transaction(QSqlDatabase &db) : m_db(db)
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        m_open = true;
    else
        m_beginError = storageError(QStringLiteral("BEGIN"), q.lastError());
}

Transaction::~Transaction()
{
    if (m_open) {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("ROLLBACK")))
            qCWarning(lcDb) << "rollback failed:" << q.lastError().text();
    }
}

Status Transaction::commit()
{
    if (!m_open)
        return m_beginError;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT")))
        return storageError(QStringLiteral("COMMIT"), q.lastError());
    m_open = false;
    return Ok{};
}

} // namespace Relais
