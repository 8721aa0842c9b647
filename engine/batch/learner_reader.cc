#include "engine/batch/learner_reader.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "engine/batch/readers.h"

namespace creditbank::batch {
namespace {

// A reader that owns the file it reads.
class FileLearnerReader final : public LearnerReader {
 public:
  FileLearnerReader(const std::string& path, std::unique_ptr<std::ifstream> file, ReaderOptions options)
      : file_(std::move(file)), inner_(NewLearnerReader(file_.get(), FormatForPath(path), options)), status_(path) {}
  ReadResult Next(Learner* learner, Reject* reject) override { return inner_->Next(learner, reject); }
  uint64_t line() const override { return inner_->line(); }
  const std::string& text() const override { return inner_->text(); }
  const Status& status() const override { return status_.Of(inner_->status()); }

 private:
  std::unique_ptr<std::ifstream> file_;
  std::unique_ptr<LearnerReader> inner_;
  FileStatus status_;
};

}  // namespace

InputFormat FormatForPath(const std::string& path) {
  if (path.size() >= 4) {
    std::string ext = path.substr(path.size() - 4);
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".csv") return InputFormat::kCsv;
  }
  return InputFormat::kJsonLines;
}

std::unique_ptr<LearnerReader> NewLearnerReader(std::istream* in, InputFormat format, ReaderOptions options) {
  if (format == InputFormat::kCsv) return NewCsvReader(in, options);
  return NewJsonLinesReader(in, options);
}

StatusOr<std::unique_ptr<std::ifstream>> OpenInputFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return IOError(path + ": cannot open: " + std::strerror(EISDIR));
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!file->is_open()) return IOError(path + ": cannot open: " + std::strerror(errno));
  // A spreadsheet's "Unicode text" export is UTF-16: every line would be a reject for its bytes. Only a
  // regular file is read ahead: a pipe (import <(…), /dev/stdin) cannot go back to its start.
  if (std::filesystem::is_regular_file(path, ec)) {
    char head[2] = {};
    file->read(head, 2);
    if (file->gcount() == 2 && ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF'))) {
      return InvalidArgument(path + ": UTF-16 text; save it as UTF-8");
    }
    file->clear();
    if (!file->seekg(0)) return IOError(path + ": read failed");
  }
  return file;
}

StatusOr<std::unique_ptr<LearnerReader>> OpenLearnerFile(const std::string& path, ReaderOptions options) {
  CB_ASSIGN_OR_RETURN(std::unique_ptr<std::ifstream> file, OpenInputFile(path));
  std::unique_ptr<LearnerReader> reader =
      std::make_unique<FileLearnerReader>(path, std::move(file), options);
  return reader;
}

}  // namespace creditbank::batch
