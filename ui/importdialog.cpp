#include "importdialog.h"

#include "backgroundjob.h"
#include "formutil.h"
#include "recordmodels.h"
#include "store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Relais::Ui {

namespace {

const int PreviewRows = 20;
const QString UnknownField = QStringLiteral("?");

QTableWidget *makeTable(QWidget *parent, const QString &name)
{
    auto *t = new QTableWidget(parent);
    t->setObjectName(name);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->setAlternatingRowColors(true);
    t->setTabKeyNavigation(false);
    return t;
}

QString encodingLabel(Csv::Encoding e)
{
    switch (e) {
    case Csv::Encoding::Utf8Bom: return ImportDialog::tr("UTF-8 with BOM");
    case Csv::Encoding::Utf8: return ImportDialog::tr("UTF-8");
    case Csv::Encoding::Windows1252: return ImportDialog::tr("Windows-1252");
    }
    return QString();
}

QString separatorLabel(QChar c)
{
    if (c == u'\t')
        return ImportDialog::tr("tab");
    return QStringLiteral("\"%1\"").arg(c);
}

} // namespace

QString ImportDialog::fieldLabel(const QString &field)
{
    // The clerk reads the field's name in their language; the engine keeps its stable name.
    if (field == u"line1")
        return tr("Line 1 (civility, first and last name)");
    if (field == u"line6")
        return tr("Line 6 (postal code and town)");
    if (field == u"insee_code")
        return tr("INSEE commune code (checked against the postal code, kept with the address)");
    return Labels::field(field);
}

ImportDialog::ImportDialog(Store &store, QWidget *parent)
    : QDialog(parent), m_store(store), m_job(new BackgroundJob(this))
{
    setWindowTitle(tr("Import subscribers"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    auto *fileRow = new QHBoxLayout;
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("file"));
    m_file->setMinimumWidth(360);
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_browse->setAutoDefault(false);
    fileRow->addWidget(m_file);
    fileRow->addWidget(m_browse);
    auto *fileLabel = new QLabel(tr("&File"), this);
    fileLabel->setBuddy(m_file);
    form->addRow(fileLabel, fileRow);

    m_format = new QLabel(this);
    m_format->setObjectName(QStringLiteral("format"));
    m_format->setWordWrap(true);
    form->addRow(tr("Format"), m_format);

    m_preview = makeTable(this, QStringLiteral("preview"));
    m_preview->setMinimumHeight(180);
    layout->addWidget(
        new QLabel(tr("Columns (the field each one feeds) and the first rows:"), this));
    layout->addWidget(m_preview, 2);
    m_ignoreUnknown = new QPushButton(tr("I&gnore the columns not recognised"), this);
    m_ignoreUnknown->setObjectName(QStringLiteral("ignore_unknown"));
    m_ignoreUnknown->setAutoDefault(false);
    m_ignoreUnknown->setVisible(false);
    layout->addWidget(m_ignoreUnknown, 0, Qt::AlignLeft);
    connect(m_ignoreUnknown, &QPushButton::clicked, this, &ImportDialog::ignoreUnknownColumns);

    m_dryRun = new QCheckBox(tr("Check &only (dry run: nothing is written)"), this);
    m_dryRun->setObjectName(QStringLiteral("dry_run"));
    layout->addWidget(m_dryRun);
    auto *skipRow = new QHBoxLayout;
    m_skipInvalid = new QCheckBox(tr("&Skip invalid rows, writing them to"), this);
    m_skipInvalid->setObjectName(QStringLiteral("skip_invalid"));
    m_rejects = new QLineEdit(this);
    m_rejects->setObjectName(QStringLiteral("rejects"));
    m_rejects->setEnabled(false);
    skipRow->addWidget(m_skipInvalid);
    skipRow->addWidget(m_rejects, 1);
    layout->addLayout(skipRow);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 100);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);
    m_error = makeErrorLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    layout->addWidget(m_error);

    m_problems = makeTable(this, QStringLiteral("problems"));
    m_problems->setColumnCount(3);
    m_problems->setHorizontalHeaderLabels({tr("Line"), tr("Column"), tr("Reason")});
    m_problems->horizontalHeader()->setStretchLastSection(true);
    m_problems->verticalHeader()->hide();
    m_problems->setVisible(false);
    layout->addWidget(m_problems, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("import"));
    m_import->setDefault(true);
    m_import->setEnabled(false);
    m_cancel = buttons->addButton(tr("&Cancel the import"), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("cancel_import"));
    m_cancel->setEnabled(false);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(m_browse, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(m_file, &QLineEdit::editingFinished, this, [this] {
        if (QDir::fromNativeSeparators(m_file->text().trimmed()) != m_previewPath)
            readPreview();
    });
    connect(m_skipInvalid, &QCheckBox::toggled, m_rejects, &QWidget::setEnabled);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, m_job, &BackgroundJob::cancel);
    connect(m_close, &QPushButton::clicked, this, &ImportDialog::reject);
    connect(m_job, &BackgroundJob::progressed, this, [this](qint64 done, qint64 total) {
        m_progress->setValue(total > 0 ? int(qBound(qint64(0), done * 100 / total, qint64(100)))
                                       : 0);
    });
    connect(m_job, &BackgroundJob::finished, this, [this](bool cancelRequested) {
        if (m_previewOutcome)
            previewFinished();
        else if (m_importOutcome)
            importJobFinished(cancelRequested);
    });
    resize(860, 640);
}

ImportDialog::~ImportDialog()
{
    m_job->stop();
}

bool ImportDialog::isRunning() const
{
    return m_job->isRunning();
}

void ImportDialog::browse()
{
    QString start = QFileInfo(m_file->text()).absolutePath();
    if (m_file->text().isEmpty())
        start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString
        chosen = QFileDialog::getOpenFileName(this, tr("Import subscribers from"), start,
                                              tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!chosen.isEmpty())
        setInputPath(chosen);
}

void ImportDialog::setInputPath(const QString &path)
{
    m_file->setText(QDir::toNativeSeparators(path));
    readPreview();
}

void ImportDialog::readPreview()
{
    if (m_job->isRunning()) {
        if (m_previewOutcome)
            m_previewAgain = true; // read the newer file once this one is done
        return;
    }
    const QString path = QDir::fromNativeSeparators(m_file->text().trimmed());
    m_previewPath = path;
    m_previewed.reset();
    m_import->setEnabled(false);
    m_preview->clear();
    m_preview->setRowCount(0);
    m_preview->setColumnCount(0);
    m_problems->setVisible(false);
    m_result->clear();
    clearError(m_error);
    if (path.isEmpty()) {
        m_format->clear();
        return;
    }
    const QFileInfo info(path);
    m_rejects->setText(QDir::toNativeSeparators(
        info.dir().filePath(info.completeBaseName() + QStringLiteral(".rejects.csv"))));
    m_format->setText(tr("Reading…"));
    auto outcome = std::make_shared<PreviewOutcome>();
    m_previewOutcome = outcome;
    // Detecting the encoding reads the whole file: not on the GUI thread.
    m_job->start([path, outcome](const BackgroundJob::Progress &) {
        outcome->emplace(Csv::previewImport(path, PreviewRows));
    });
}

void ImportDialog::previewFinished()
{
    const std::shared_ptr<PreviewOutcome> outcome = std::exchange(m_previewOutcome, nullptr);
    if (m_previewAgain) {
        m_previewAgain = false;
        readPreview();
        return;
    }
    if (!outcome->has_value() || !**outcome) {
        m_format->clear();
        if (outcome->has_value())
            showError(m_error, (**outcome).error());
        emit previewReady(false);
        return;
    }
    m_previewed = ***outcome;
    showPreview(*m_previewed);
    m_import->setEnabled(true);
    emit previewReady(true);
}

void ImportDialog::showPreview(const Csv::ImportPreview &preview)
{
    m_format->setText(tr("Encoding: %1; separator: %2; %3 columns")
                          .arg(encodingLabel(preview.encoding), separatorLabel(preview.separator))
                          .arg(preview.header.size()));
    const int columns = int(preview.header.size());
    m_preview->setColumnCount(columns);
    m_preview->setRowCount(int(preview.rows.size()) + 1);
    m_preview->setHorizontalHeaderLabels(preview.header);
    QStringList rowLabels{tr("Field")};
    for (int r = 0; r < preview.rows.size(); ++r)
        rowLabels << QString::number(r + 2); // the file's line numbers: the header is line 1
    m_preview->setVerticalHeaderLabels(rowLabels);
    const QStringList fields = Csv::importFieldNames();
    bool unknown = false;
    for (int c = 0; c < columns; ++c) {
        auto *combo = new QComboBox(m_preview);
        combo->setObjectName(QStringLiteral("field_%1").arg(c));
        combo->addItem(tr("(ignored)"), QString());
        for (const QString &f : fields)
            combo->addItem(fieldLabel(f), f);
        const QString guessed = preview.guessedFields.value(c);
        // A label line of an export (L2..L5, PAYS) or its movement column: offered as read, so that
        // the column is not ignored by default.
        if (!guessed.isEmpty() && guessed != UnknownField && combo->findData(guessed) < 0)
            combo->addItem(fieldLabel(guessed), guessed);
        if (guessed == UnknownField) {
            combo->insertItem(0, tr("(unknown: choose a field)"), UnknownField);
            unknown = true;
        }
        combo->setCurrentIndex(qMax(0, combo->findData(guessed)));
        m_preview->setCellWidget(0, c, combo);
    }
    for (int r = 0; r < preview.rows.size(); ++r)
        for (int c = 0; c < columns; ++c)
            m_preview->setItem(r + 1, c, new QTableWidgetItem(preview.rows.at(r).value(c)));
    fitColumns(m_preview, 200);
    m_ignoreUnknown->setVisible(unknown);
    if (unknown) {
        m_error->setText(tr("Some columns are not recognised: choose their field or ignore them."));
        m_error->show();
    }
}

void ImportDialog::ignoreUnknownColumns()
{
    for (int c = 0; c < m_preview->columnCount(); ++c) {
        auto *combo = qobject_cast<QComboBox *>(m_preview->cellWidget(0, c));
        if (combo && combo->currentData().toString() == UnknownField)
            combo->setCurrentIndex(combo->findData(QString()));
    }
    m_ignoreUnknown->setVisible(false);
    clearError(m_error);
}

QHash<QString, QString> ImportDialog::chosenMapping() const
{
    // Only the clerk's changes: the engine maps the recognised headers itself.
    QHash<QString, QString> mapping;
    if (!m_previewed)
        return mapping;
    for (int c = 0; c < m_previewed->header.size(); ++c) {
        auto *combo = qobject_cast<QComboBox *>(m_preview->cellWidget(0, c));
        if (!combo)
            continue;
        const QString chosen = combo->currentData().toString();
        if (chosen != UnknownField && chosen != m_previewed->guessedFields.value(c))
            mapping.insert(m_previewed->header.at(c), chosen);
    }
    return mapping;
}

void ImportDialog::setRunning(bool running)
{
    for (QWidget *w : {static_cast<QWidget *>(m_file), static_cast<QWidget *>(m_browse),
                       static_cast<QWidget *>(m_preview), static_cast<QWidget *>(m_dryRun),
                       static_cast<QWidget *>(m_skipInvalid), static_cast<QWidget *>(m_import)})
        w->setEnabled(!running);
    m_rejects->setEnabled(!running && m_skipInvalid->isChecked());
    m_cancel->setEnabled(running);
    if (running)
        m_cancel->setFocus();
    else
        m_import->setFocus();
}

void ImportDialog::startImport()
{
    if (m_job->isRunning() || !m_previewed)
        return;
    clearError(m_error);
    m_result->clear();
    m_problems->setRowCount(0);
    m_problems->setVisible(false);

    Csv::ImportOptions options;
    options.inPath = m_previewPath;
    options.dryRun = m_dryRun->isChecked();
    options.skipInvalid = m_skipInvalid->isChecked();
    if (options.skipInvalid) {
        options.rejectsPath = QDir::fromNativeSeparators(m_rejects->text().trimmed());
        if (options.rejectsPath.isEmpty()) {
            m_error->setText(tr("Choose the file the invalid rows go to."));
            m_error->show();
            m_rejects->setFocus();
            return;
        }
    }
    options.mapping = chosenMapping();

    auto outcome = std::make_shared<ImportOutcome>();
    m_importOutcome = outcome;
    const QString databasePath = m_store.path();
    const Actor actor = m_store.actor();
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_result->setText(options.dryRun ? tr("Checking…") : tr("Importing…"));
    setRunning(true);
    m_job->start([databasePath, actor, options, outcome](const BackgroundJob::Progress &progress) {
        // A Store is per thread: this one lives and dies on the job's thread.
        auto opened = Store::open(databasePath);
        if (!opened) {
            outcome->emplace(opened.error());
            return;
        }
        Store store = std::move(opened).value();
        store.setActor(actor);
        Csv::ImportOptions o = options;
        o.progress = progress;
        outcome->emplace(Csv::importSubscribers(store, o));
    });
}

void ImportDialog::showProblems(const QList<Csv::ImportIssue> &problems,
                                const QList<Csv::ImportIssue> &notices)
{
    m_problems->setRowCount(0);
    auto addRow = [this](const QString &line, const QString &column, const QString &reason) {
        const int row = m_problems->rowCount();
        m_problems->insertRow(row);
        m_problems->setItem(row, 0, new QTableWidgetItem(line));
        m_problems->setItem(row, 1, new QTableWidgetItem(column));
        auto *reasonItem = new QTableWidgetItem(reason);
        reasonItem->setToolTip(reason);
        m_problems->setItem(row, 2, reasonItem);
    };
    for (const Csv::ImportIssue &i : problems)
        addRow(i.line > 0 ? QString::number(i.line) : QString(), i.column, i.message);
    for (const Csv::ImportIssue &i : notices)
        addRow(i.line > 0 ? QString::number(i.line) : QString(), i.column, i.message);
    m_problems->setVisible(m_problems->rowCount() > 0);
    fitColumns(m_problems, 260);
    m_problems->horizontalHeader()->setStretchLastSection(true);
}

void ImportDialog::importJobFinished(bool cancelRequested)
{
    setRunning(false);
    const std::shared_ptr<ImportOutcome> outcome = std::exchange(m_importOutcome, nullptr);
    if (!outcome->has_value()) {
        m_progress->setVisible(false);
        m_result->clear();
        m_error->setText(tr("The import stopped unexpectedly; nothing was written."));
        m_error->show();
        emit importFinished(false, 0);
        return;
    }
    const Result<Csv::ImportReport> &r = **outcome;
    if (!r) {
        m_progress->setVisible(false);
        if (cancelRequested) {
            m_result->setText(tr("Import cancelled: nothing was written."));
        } else {
            m_result->clear();
            const Error &error = r.error();
            // The engine's advice names relaisctl's options (it has no distinct code for this
            // case): give the dialog's instead.
            if (error.message.contains(QStringLiteral("--skip-invalid")))
                m_error->setText(
                    tr("Some rows are invalid (listed below); nothing was imported. To import the "
                       "valid rows, tick \"Skip invalid rows\"."));
            else
                m_error->setText(error.message);
            m_error->show();
            // Each reason names its place ("clients.csv:4: column CP"): split it into line and
            // column.
            static const QRegularExpression place(QStringLiteral("^.*:(\\d+)(?:: column (.*))?$"));
            QList<Csv::ImportIssue> issues;
            for (const Issue &i : error.issues) {
                Csv::ImportIssue issue{0, i.field, i.rule, i.message};
                if (const auto m = place.match(i.field); m.hasMatch()) {
                    issue.line = m.captured(1).toLongLong();
                    issue.column = m.captured(2);
                }
                issues << issue;
            }
            showProblems(issues, {});
        }
        emit importFinished(false, 0);
        return;
    }
    const Csv::ImportReport &report = *r;
    m_progress->setValue(100);
    const QLocale locale;
    QStringList lines;
    lines << (report.dryRun ? tr("<b>Check finished</b> (nothing was written).")
                            : tr("<b>Import finished.</b>"));
    lines << tr("Rows read: %1").arg(locale.toString(report.rows));
    lines << (report.dryRun ? tr("Subscribers that would be created: %1")
                            : tr("Subscribers created: %1"))
                 .arg(locale.toString(report.imported));
    lines << tr("Duplicates (already there, not created): %1")
                 .arg(locale.toString(report.duplicates));
    if (report.rejected > 0)
        lines << tr("Invalid rows skipped: %1, written to %2")
                     .arg(locale.toString(report.rejected),
                          QDir::toNativeSeparators(report.rejectsPath).toHtmlEscaped());
    m_result->setText(lines.join(QStringLiteral("<br>")));
    showProblems(report.problems, report.notices);
    emit importFinished(true, report.dryRun ? 0 : report.imported);
}

void ImportDialog::reject()
{
    // Closing while the import runs cancels it first; the dialog stays until the job stopped (its
    // report says so). A preview only reads the file: closing waits for it in the destructor.
    if (m_job->isRunning() && m_importOutcome) {
        m_job->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace Relais::Ui
