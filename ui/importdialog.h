#pragma once
// The subscriber import: a CSV file previewed (detected encoding and separator, each column's
// field, the first rows), then checked or imported by the import engine on a thread of its own
// (with its own Store), with progress, Cancel and a report listing every rejected row.

#include "csvimport.h"

#include <QDialog>

#include <memory>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace Relais::Ui {

class BackgroundJob;

class ImportDialog final : public QDialog
{
    Q_OBJECT
public:
    // `store` is the GUI thread's (its path and clerk); the import opens a Store of its own.
    ImportDialog(Store &store, QWidget *parent = nullptr);
    ~ImportDialog() override;
    // A field of the import as the clerk reads it ("postal_code" -> "Postal code").
    static QString fieldLabel(const QString &field);

    QLineEdit *fileField() const { return m_file; }
    QCheckBox *dryRunBox() const { return m_dryRun; }
    QCheckBox *skipInvalidBox() const { return m_skipInvalid; }
    QLineEdit *rejectsField() const { return m_rejects; }
    QTableWidget *previewTable() const { return m_preview; }
    QTableWidget *problemsTable() const { return m_problems; }
    QLabel *formatLabel() const { return m_format; }
    QLabel *resultLabel() const { return m_result; }
    QPushButton *importButton() const { return m_import; }
    // Shown when the preview has columns it does not recognise: sets them all to "(ignored)".
    QPushButton *ignoreUnknownButton() const { return m_ignoreUnknown; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    BackgroundJob *job() const { return m_job; }
    bool isRunning() const;
    bool hasPreview() const { return m_previewed.has_value(); }

    // Sets the file and reads its preview (in the background).
    void setInputPath(const QString &path);
    void startImport();

signals:
    void previewReady(bool ok);
    // After each run; `imported` counts the subscribers written (0 for a dry run or a failure).
    void importFinished(bool ok, qint64 imported);

public slots:
    void reject() override;

private:
    void browse();
    void readPreview();
    void previewFinished();
    void showPreview(const Csv::ImportPreview &preview);
    void setRunning(bool running);
    void importJobFinished(bool cancelRequested);
    void showProblems(const QList<Csv::ImportIssue> &problems,
                      const QList<Csv::ImportIssue> &notices);
    QHash<QString, QString> chosenMapping() const;
    void ignoreUnknownColumns();

    using PreviewOutcome = std::optional<Result<Csv::ImportPreview>>;
    using ImportOutcome = std::optional<Result<Csv::ImportReport>>;

    Store &m_store;
    BackgroundJob *m_job;
    std::shared_ptr<PreviewOutcome> m_previewOutcome;
    std::shared_ptr<ImportOutcome> m_importOutcome;
    std::optional<Csv::ImportPreview> m_previewed;
    QString m_previewPath;
    bool m_previewAgain = false;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QLabel *m_format;
    QTableWidget *m_preview;
    QCheckBox *m_dryRun;
    QCheckBox *m_skipInvalid;
    QLineEdit *m_rejects;
    QProgressBar *m_progress;
    QLabel *m_result;
    QLabel *m_error;
    QTableWidget *m_problems;
    QPushButton *m_ignoreUnknown;
    QPushButton *m_import;
    QPushButton *m_cancel;
    QPushButton *m_close;
};

} // namespace Relais::Ui
