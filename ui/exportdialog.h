#pragma once
// The mailing-house export: one title's delivery list for an issue, written as CSV by the export
// engine on a thread of its own (or as a spreadsheet, or sheets of labels to a PDF or a printer) (with its own Store), with progress, Cancel and a summary.

#include "csvexport.h"

#include <QDialog>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QPrinter;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace Relais::Ui {

class DateField;

class BackgroundJob;

class ExportDialog final : public QDialog
{
    Q_OBJECT
public:
    // `store` is the GUI thread's: titles and presets are read from it; the export opens its own.
    ExportDialog(Store &store, QWidget *parent = nullptr);
    ~ExportDialog() override;

    QComboBox *publicationField() const { return m_publication; }
    DateField *dateField() const { return m_date; }
    QComboBox *formatField() const { return m_format; }
    QComboBox *presetField() const { return m_preset; }
    QComboBox *labelLayoutField() const { return m_labelLayout; }
    QDoubleSpinBox *marginTopField() const { return m_marginTop; }
    QDoubleSpinBox *marginLeftField() const { return m_marginLeft; }
    QPushButton *printButton() const { return m_print; }
    QPushButton *reportButton() const { return m_report; }
    QComboBox *encodingField() const { return m_encoding; }
    QCheckBox *changesSinceBox() const { return m_changesSinceBox; }
    DateField *changesSinceField() const { return m_changesSince; }
    QLineEdit *outputField() const { return m_output; }
    QPushButton *exportButton() const { return m_export; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *resultLabel() const { return m_result; }
    BackgroundJob *job() const { return m_job; }
    bool isRunning() const;

    // The file name offered: "LQC-2026-06-10-routeur.csv" (.xlsx for a spreadsheet) in the clerk's
    // documents folder.
    QString defaultOutputPath() const;
    void startExport();
    // The label sheets onto `printer` (chosen in the print dialog; tests give a PDF printer).
    void startPrint(std::shared_ptr<QPrinter> printer);
    // The issue report of the chosen title and date, as a one-page PDF at `path`.
    void startReport(const QString &path);
    // "LQC-2026-06-10-rapport.pdf" beside the export file.
    QString defaultReportPath() const;

signals:
    // After each run: ok is false when it failed or was cancelled.
    void exportFinished(bool ok);
    void reportFinished(bool ok);

public slots:
    void reject() override;

private:
    void publicationChanged();
    void updateDefaultOutput();
    void formatChanged();
    QString formatKey() const;
    void browse();
    void choosePrinter();
    void start(std::shared_ptr<QPrinter> printer);
    void setRunning(bool running);
    void jobFinished(bool cancelRequested);

    using Outcome = std::optional<Result<Csv::ExportSummary>>;

    Store &m_store;
    BackgroundJob *m_job;
    std::shared_ptr<Outcome> m_outcome;
    QString m_outPath;
    QString m_replaceConfirmed; // the file the save dialog already asked to replace
    bool m_outputEdited = false;
    QComboBox *m_publication;
    DateField *m_date;
    QComboBox *m_format;
    QComboBox *m_preset;
    QComboBox *m_encoding;
    QWidget *m_labelRow;
    QLabel *m_labelRowLabel; // hidden with its row: no label beside nothing
    QComboBox *m_labelLayout;
    QDoubleSpinBox *m_marginTop;
    QDoubleSpinBox *m_marginLeft;
    QPushButton *m_print;
    QPushButton *m_report;
    std::shared_ptr<std::optional<Status>> m_reportOutcome;
    QString m_reportPath;
    bool m_printing = false;
    QCheckBox *m_changesSinceBox;
    DateField *m_changesSince;
    QLineEdit *m_output;
    QPushButton *m_browse;
    QProgressBar *m_progress;
    QLabel *m_result;
    QLabel *m_error;
    QPushButton *m_export;
    QPushButton *m_cancel;
    QPushButton *m_close;
};

} // namespace Relais::Ui
