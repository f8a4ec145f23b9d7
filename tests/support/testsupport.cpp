#include "testsupport.h"

#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace Relais::Test {

QString freshDatabasePath(const QString &name)
{
    // Kept alive until exit so that every database of a run stays inspectable while it runs.
    static std::vector<std::unique_ptr<QTemporaryDir>> dirs;
    dirs.push_back(std::make_unique<QTemporaryDir>());
    return dirs.back()->filePath(name);
}

} // namespace Relais::Test
