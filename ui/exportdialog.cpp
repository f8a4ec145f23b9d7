#include "exportdialog.h"

#include "backgroundjob.h"
#include "datefield.h"
#include "formutil.h"
#include "issuereport.h"
#include "labelsheet.h"
#include "store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace Relais::Ui {

ExportDialog::ExportDialog(Store &store, QWidget *parent)
    : QDialog(parent), m_store(store), m_job(new BackgroundJob(this))
{
    setWindowTitle(tr("Export for the mailing house"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    m_publication = new QComboBox(this);
    m_publication->setObjectName(QStringLiteral("publication"));
    for (const Publication &p : store.publications())
        m_publication->addItem(QStringLiteral("%1 — %2").arg(p.code, p.name), p.code);
    form->addRow(tr("&Title"), m_publication);

    m_date = makeDateField(QDate::currentDate().addDays(1), this);
    m_date->setObjectName(QStringLiteral("issue_date"));
    form->addRow(tr("&Issue date"), m_date);

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("format"));
    m_format->addItem(tr("CSV for the mailing house"), QStringLiteral("csv"));
    m_format->addItem(tr("Spreadsheet (.xlsx): postal codes and numbers kept as text"),
                      QStringLiteral("xlsx"));
    m_format->addItem(tr("Sheets of address labels (PDF)"), QStringLiteral("pdf"));
    form->addRow(tr("F&ormat"), m_format);

    m_labelRow = new QWidget(this);
    auto *labelRow = new QHBoxLayout(m_labelRow);
    labelRow->setContentsMargins(0, 0, 0, 0);
    m_labelLayout = new QComboBox(m_labelRow);
    m_labelLayout->setObjectName(QStringLiteral("label_layout"));
    for (const Print::LabelLayout &l : Print::labelLayouts())
        m_labelLayout->addItem(QStringLiteral("%1 — %2").arg(l.name, l.description), l.name);
    auto makeMargin = [this](const QString &name) {
        auto *box = new QDoubleSpinBox(m_labelRow);
        box->setObjectName(name);
        box->setRange(0, 100);
        box->setDecimals(1);
        box->setSingleStep(0.5);
        box->setSuffix(tr(" mm"));
        return box;
    };
    m_marginTop = makeMargin(QStringLiteral("margin_top"));
    m_marginLeft = makeMargin(QStringLiteral("margin_left"));
    auto *topLabel = new QLabel(tr("&top"), m_labelRow);
    topLabel->setBuddy(m_marginTop);
    auto *leftLabel = new QLabel(tr("le&ft"), m_labelRow);
    leftLabel->setBuddy(m_marginLeft);
    labelRow->addWidget(m_labelLayout, 1);
    labelRow->addWidget(topLabel);
    labelRow->addWidget(m_marginTop);
    labelRow->addWidget(leftLabel);
    labelRow->addWidget(m_marginLeft);
    auto *labelsLabel = m_labelRowLabel = new QLabel(tr("&Labels, margins"), this);
    labelsLabel->setBuddy(m_labelLayout);
    form->addRow(labelsLabel, m_labelRow);

    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("preset"));
    for (const QString &name : Csv::presetNames(store)) {
        QString text = name;
        if (name == u"routeur")
            text = tr("routeur (address labels for the mailing house)");
        else if (name == u"complet")
            text = tr("complet (every field)");
        m_preset->addItem(text, name);
    }
    form->addRow(tr("Column &set"), m_preset);

    m_encoding = new QComboBox(this);
    m_encoding->setObjectName(QStringLiteral("encoding"));
    m_encoding->addItem(tr("UTF-8 with BOM"), int(Csv::Encoding::Utf8Bom));
    m_encoding->addItem(tr("UTF-8"), int(Csv::Encoding::Utf8));
    m_encoding->addItem(tr("Windows-1252"), int(Csv::Encoding::Windows1252));
    form->addRow(tr("&Encoding"), m_encoding);

    auto *changesRow = new QHBoxLayout;
    m_changesSinceBox = new QCheckBox(tr("&Only the changes since the issue of"), this);
    m_changesSinceBox->setObjectName(QStringLiteral("changes_since_enabled"));
    m_changesSince = makeDateField(QDate::currentDate(), this);
    m_changesSince->setObjectName(QStringLiteral("changes_since"));
    m_changesSince->setEnabled(false);
    changesRow->addWidget(m_changesSinceBox);
    changesRow->addWidget(m_changesSince);
    changesRow->addStretch();
    form->addRow(QString(), changesRow);

    auto *outRow = new QHBoxLayout;
    m_output = new QLineEdit(this);
    m_output->setObjectName(QStringLiteral("output"));
    m_output->setMinimumWidth(360);
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_browse->setAutoDefault(false);
    outRow->addWidget(m_output);
    outRow->addWidget(m_browse);
    auto *outLabel = new QLabel(tr("&File"), this);
    outLabel->setBuddy(m_output);
    form->addRow(outLabel, outRow);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
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
    layout->addStretch();

    auto *buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("E&xport"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("export"));
    m_export->setDefault(true);
    m_print = buttons->addButton(tr("&Print the labels…"), QDialogButtonBox::ActionRole);
    m_print->setObjectName(QStringLiteral("print_labels"));
    m_print->setAutoDefault(false);
    m_report = buttons->addButton(tr("Issue &report (PDF)"), QDialogButtonBox::ActionRole);
    m_report->setObjectName(QStringLiteral("issue_report"));
    m_report->setAutoDefault(false);
    m_report->setToolTip(
        tr("The page to sign before the print run: copies by département and "
           "delivery mode, adds and drops, holds, holiday addresses, complaints."));
    m_cancel = buttons->addButton(tr("&Cancel the export"), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("cancel_export"));
    m_cancel->setEnabled(false);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_print, &QPushButton::clicked, this, &ExportDialog::choosePrinter);
    connect(m_report, &QPushButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getSaveFileName(this, tr("Issue report"),
                                                            defaultReportPath(),
                                                            tr("PDF files (*.pdf);;All files (*)"));
        if (!chosen.isEmpty())
            startReport(chosen);
    });
    auto layoutMargins = [this] {
        // The layout's own margins, as a starting point the clerk can move.
        const auto l = Print::labelLayout(m_labelLayout->currentData().toString());
        if (l) {
            m_marginTop->setValue(l->topMm);
            m_marginLeft->setValue(l->leftMm);
        }
    };
    connect(m_labelLayout, &QComboBox::currentIndexChanged, this, layoutMargins);
    layoutMargins();
    connect(m_cancel, &QPushButton::clicked, m_job, &BackgroundJob::cancel);
    connect(m_close, &QPushButton::clicked, this, &ExportDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_changesSinceBox, &QCheckBox::toggled, m_changesSince, &QWidget::setEnabled);
    connect(m_publication, &QComboBox::currentIndexChanged, this,
            &ExportDialog::publicationChanged);
    connect(m_date, &DateField::dateChanged, this, &ExportDialog::updateDefaultOutput);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &ExportDialog::updateDefaultOutput);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(m_output, &QLineEdit::textEdited, this, [this] { m_outputEdited = true; });
    connect(m_job, &BackgroundJob::progressed, this, [this](qint64 done, qint64 total) {
        m_progress->setValue(total > 0 ? int(qBound(qint64(0), done * 100 / total, qint64(100)))
                                       : 0);
        m_result->setText(tr("%1 lines written…").arg(QLocale().toString(done)));
    });
    connect(m_job, &BackgroundJob::finished, this, &ExportDialog::jobFinished);

    publicationChanged();
    formatChanged();
    if (m_publication->count() == 0) {
        m_export->setEnabled(false);
        m_print->setEnabled(false);
        m_report->setEnabled(false);
        m_error->setText(tr("This desk has no title to export."));
        m_error->show();
    }
    resize(620, sizeHint().height());
}

ExportDialog::~ExportDialog()
{
    m_job->stop();
}

bool ExportDialog::isRunning() const
{
    return m_job->isRunning();
}

void ExportDialog::publicationChanged()
{
    const auto p = m_store.publicationByCode(m_publication->currentData().toString());
    if (p) {
        // The list the mailing house needs next: the next issue after today.
        const QDate next = p->weekdays.nextIssueOnOrAfter(QDate::currentDate().addDays(1));
        if (next.isValid())
            m_date->setDate(next);
    }
    updateDefaultOutput();
}

QString ExportDialog::formatKey() const
{
    return m_format->currentData().toString();
}

void ExportDialog::formatChanged()
{
    // The encoding is the CSV's; a spreadsheet is always Unicode.
    m_encoding->setEnabled(!m_job->isRunning() && formatKey() == u"csv");
    m_labelRow->setVisible(formatKey() == u"pdf");
    m_labelRowLabel->setVisible(formatKey() == u"pdf");
    m_print->setVisible(formatKey() == u"pdf");
    updateDefaultOutput();
}

QString ExportDialog::defaultOutputPath() const
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QString name = QStringLiteral("%1-%2-%3.%4")
                             .arg(m_publication->currentData().toString(),
                                  m_date->date().toString(Qt::ISODate),
                                  m_preset->currentData().toString(), formatKey());
    return QDir(folder).filePath(name);
}

void ExportDialog::updateDefaultOutput()
{
    if (m_outputEdited && !m_output->text().isEmpty())
        return;
    m_output->setText(QDir::toNativeSeparators(defaultOutputPath()));
    m_outputEdited = false;
}

void ExportDialog::browse()
{
    const QString filter = formatKey() == u"xlsx"  ? tr("Spreadsheets (*.xlsx);;All files (*)")
                           : formatKey() == u"pdf" ? tr("PDF files (*.pdf);;All files (*)")
                                                   : tr("CSV files (*.csv);;All files (*)");
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export to"), m_output->text(),
                                                        filter);
    if (chosen.isEmpty())
        return;
    m_output->setText(QDir::toNativeSeparators(chosen));
    m_outputEdited = true;
    m_replaceConfirmed = QFileInfo(chosen).absoluteFilePath();
}

void ExportDialog::setRunning(bool running)
{
    for (QWidget *w : {static_cast<QWidget *>(m_publication), static_cast<QWidget *>(m_date),
                       static_cast<QWidget *>(m_format), static_cast<QWidget *>(m_preset),
                       static_cast<QWidget *>(m_labelRow), static_cast<QWidget *>(m_print),
                       static_cast<QWidget *>(m_report), static_cast<QWidget *>(m_changesSinceBox),
                       static_cast<QWidget *>(m_output), static_cast<QWidget *>(m_browse),
                       static_cast<QWidget *>(m_export)})
        w->setEnabled(!running);
    m_changesSince->setEnabled(!running && m_changesSinceBox->isChecked());
    m_encoding->setEnabled(!running && formatKey() == u"csv");
    m_cancel->setEnabled(running);
    if (running)
        m_cancel->setFocus();
    else
        m_export->setFocus();
}

void ExportDialog::startExport()
{
    start(nullptr);
}

void ExportDialog::choosePrinter()
{
    auto printer = std::make_shared<QPrinter>(QPrinter::HighResolution);
    printer->setDocName(tr("Address labels"));
    QPrintDialog dialog(printer.get(), this);
    dialog.setWindowTitle(tr("Print the labels"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    startPrint(printer);
}

void ExportDialog::startPrint(std::shared_ptr<QPrinter> printer)
{
    // The labels are placed from the paper's edge, not from the printable area's.
    printer->setFullPage(true);
    start(std::move(printer));
}

void ExportDialog::start(std::shared_ptr<QPrinter> printer)
{
    if (m_job->isRunning())
        return;
    clearError(m_error);
    m_result->clear();
    for (DateField *f : {m_date, m_changesSince}) {
        if (f->isEnabled() && !f->check()) {
            f->setFocus();
            return;
        }
    }
    const QString out = QDir::fromNativeSeparators(m_output->text().trimmed());
    if (out.isEmpty()) {
        m_error->setText(tr("Choose the file to write."));
        m_error->show();
        m_output->setFocus();
        return;
    }
    const QFileInfo outInfo(out);
    // The folder offered by default (the clerk's documents) is made if this account has none yet.
    if (!m_outputEdited && !outInfo.absoluteDir().exists())
        QDir().mkpath(outInfo.absolutePath());
    if (!outInfo.absoluteDir().exists()) {
        m_error->setText(tr("The folder %1 does not exist.")
                             .arg(QDir::toNativeSeparators(outInfo.absolutePath())));
        m_error->show();
        m_output->setFocus();
        return;
    }
    if (!printer && outInfo.exists() && outInfo.absoluteFilePath() != m_replaceConfirmed) {
        const QString shown = QDir::toNativeSeparators(outInfo.absoluteFilePath());
        const auto answer = QMessageBox::question(this, windowTitle(),
                                                  tr("%1 already exists. Replace it?").arg(shown),
                                                  QMessageBox::Yes | QMessageBox::No,
                                                  QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
    }
    m_replaceConfirmed.clear();

    Csv::ExportOptions options;
    options.publicationCode = m_publication->currentData().toString();
    options.date = m_date->date();
    options.outPath = outInfo.absoluteFilePath();
    options.preset = m_preset->currentData().toString();
    options.encoding = Csv::Encoding(m_encoding->currentData().toInt());
    options.format = formatKey() == u"xlsx" ? Csv::Format::Xlsx : Csv::Format::Csv;
    const bool labels = printer || formatKey() == u"pdf";
    Print::LabelOptions labelOptions;
    labelOptions.layout = m_labelLayout->currentData().toString();
    labelOptions.topMm = m_marginTop->value();
    labelOptions.leftMm = m_marginLeft->value();
    m_printing = bool(printer);
    if (m_changesSinceBox->isChecked())
        options.changesSince = m_changesSince->date();
    m_outPath = options.outPath;

    auto outcome = std::make_shared<Outcome>();
    m_outcome = outcome;
    const QString databasePath = m_store.path();
    const Actor actor = m_store.actor();
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_result->setText(printer ? tr("Printing…") : tr("Exporting…"));
    setRunning(true);
    m_job->start([databasePath, actor, options, outcome, labels, labelOptions,
                  printer](const BackgroundJob::Progress &progress) {
        // A Store is per thread: this one lives and dies on the job's thread.
        auto opened = Store::open(databasePath);
        if (!opened) {
            outcome->emplace(opened.error());
            return;
        }
        Store store = std::move(opened).value();
        store.setActor(actor);
        Csv::ExportOptions o = options;
        o.progress = progress;
        // QPainter may paint a QPrinter outside the GUI thread (as a QImage); the dialog keeps the
        // printer alive through this shared pointer until the job is done.
        if (printer)
            outcome->emplace(Print::printLabels(store, o, labelOptions, printer.get()));
        else if (labels)
            outcome->emplace(Print::exportLabels(store, o, labelOptions));
        else
            outcome->emplace(Csv::exportDeliveryList(store, o));
    });
}

QString ExportDialog::defaultReportPath() const
{
    const QFileInfo out(QDir::fromNativeSeparators(m_output->text().trimmed()));
    const QString name = tr("%1-%2-report.pdf")
                             .arg(m_publication->currentData().toString(),
                                  m_date->date().toString(Qt::ISODate));
    return QDir::toNativeSeparators(out.absoluteDir().filePath(name));
}

void ExportDialog::startReport(const QString &path)
{
    if (m_job->isRunning() || !m_date->check())
        return;
    clearError(m_error);
    const QString code = m_publication->currentData().toString();
    const QDate date = m_date->date();
    const QString databasePath = m_store.path();
    const Actor actor = m_store.actor();
    auto outcome = std::make_shared<std::optional<Status>>();
    m_reportOutcome = outcome;
    m_reportPath = QFileInfo(QDir::fromNativeSeparators(path)).absoluteFilePath();
    const QString out = m_reportPath;
    m_progress->setVisible(false);
    m_result->setText(tr("Writing the issue report…"));
    setRunning(true);
    m_job->start([databasePath, actor, code, date, out, outcome](const BackgroundJob::Progress &) {
        auto opened = Store::open(databasePath);
        if (!opened) {
            outcome->emplace(opened.error());
            return;
        }
        Store store = std::move(opened).value();
        store.setActor(actor);
        auto report = Print::buildIssueReport(store, code, date);
        if (!report)
            outcome->emplace(report.error());
        else
            outcome->emplace(Print::writeIssueReportPdf(*report, out));
    });
}

void ExportDialog::jobFinished(bool cancelRequested)
{
    setRunning(false);
    if (const auto report = std::exchange(m_reportOutcome, nullptr)) {
        const bool ok = report->has_value() && bool(**report);
        if (ok) {
            m_result->setText(tr("<b>Issue report written:</b> %1")
                                  .arg(QDir::toNativeSeparators(m_reportPath).toHtmlEscaped()));
        } else {
            m_result->clear();
            if (report->has_value())
                showError(m_error, (**report).error());
        }
        emit reportFinished(ok);
        return;
    }
    const std::shared_ptr<Outcome> outcome = std::exchange(m_outcome, nullptr);
    if (!outcome || !outcome->has_value()) {
        m_progress->setVisible(false);
        m_result->clear();
        m_error->setText(tr("The export stopped unexpectedly; no file was written."));
        m_error->show();
        emit exportFinished(false);
        return;
    }
    const Result<Csv::ExportSummary> &r = **outcome;
    if (!r) {
        m_progress->setVisible(false);
        if (cancelRequested) {
            m_result->setText(tr("Export cancelled: no file was written."));
        } else {
            m_result->clear();
            showError(m_error, r.error());
        }
        emit exportFinished(false);
        return;
    }
    const Csv::ExportSummary &s = *r;
    m_progress->setValue(100);
    const QLocale locale;
    QStringList lines;
    if (m_printing)
        lines << tr("<b>Labels sent to the printer.</b>");
    else
        lines << tr("<b>Export finished:</b> %1")
                     .arg(QDir::toNativeSeparators(m_outPath).toHtmlEscaped());
    lines << tr("Rows: %1, copies: %2").arg(locale.toString(s.rows), locale.toString(s.copies));
    if (m_changesSinceBox->isChecked())
        lines
            << tr("Added: %1, dropped: %2").arg(locale.toString(s.adds), locale.toString(s.drops));
    if (s.warnings > 0)
        lines << tr("Addresses too long for a label: %1, listed in %2")
                     .arg(locale.toString(s.warnings),
                          QDir::toNativeSeparators(s.warningsPath).toHtmlEscaped());
    else
        lines << tr("No address too long for a label.");
    lines << tr("Streets abbreviated: %1").arg(locale.toString(s.abbreviated));
    if (s.transliterated > 0
        || (formatKey() == u"csv"
            && Csv::Encoding(m_encoding->currentData().toInt()) == Csv::Encoding::Windows1252))
        lines << tr("Characters replaced for Windows-1252: %1")
                     .arg(locale.toString(s.transliterated));
    if (!m_printing)
        lines << tr("SHA-256: %1").arg(s.sha256);
    m_result->setText(lines.join(QStringLiteral("<br>")));
    emit exportFinished(true);
}

void ExportDialog::reject()
{
    // Closing while the export runs cancels it first; the dialog stays until the job stopped.
    if (m_job->isRunning()) {
        m_job->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace Relais::Ui
