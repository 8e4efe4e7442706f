//===- StrictJson.h - Strict JSON reading, shared by the codecs -*- C++ -*-===//
//
// The report (tool/report) and the summaries (SummaryJson.h) read JSON the
// same strict way: exactly what docs/report-schema.json accepts, unknown keys
// rejected, and an error that names the offending field by its path
// ("summaries[0].functions[2].usr: expected a string, got null").
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_SUMMARY_STRICTJSON_H
#define CONCUR_SUMMARY_STRICTJSON_H

#include <nlohmann/json.hpp>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace concur::json {

using Json = nlohmann::json;
/// Insertion-ordered, so output keys follow the documented order.
using OrderedJson = nlohmann::ordered_json;

/// {"file", "line", "column"}, as every location in the format is written.
OrderedJson locationToJson(const std::string &File, unsigned Line, unsigned Column);

/// Throws std::runtime_error("<Path>: <What>").
[[noreturn]] void fail(const std::string &Path, const std::string &What);
/// The path of member \p Key of \p Path, and of element \p Index.
std::string member(const std::string &Path, std::string_view Key);
std::string element(const std::string &Path, std::size_t Index);
/// ", got <what V is>", for error messages.
std::string got(const Json &V);

/// Checks \p V is an object with every key in \p Required and no key outside
/// \p Required and \p Optional.
void expectObject(const Json &V, const std::string &Path,
                  std::initializer_list<std::string_view> Required,
                  std::initializer_list<std::string_view> Optional = {});
const Json &expectArray(const Json &V, const std::string &Path);

/// Member \p Key of \p Object (which must have it), checked for its type.
std::string readString(const Json &Object, const std::string &Path, std::string_view Key);
std::string readNonEmptyString(const Json &Object, const std::string &Path,
                               std::string_view Key);
unsigned readUnsigned(const Json &Object, const std::string &Path, std::string_view Key);
bool readBool(const Json &Object, const std::string &Path, std::string_view Key);
/// False when \p Object has no member \p Key.
bool readOptionalBool(const Json &Object, const std::string &Path, std::string_view Key);
/// Empty when \p Object has no member \p Key.
std::string readOptionalString(const Json &Object, const std::string &Path,
                               std::string_view Key);
/// The array of strings \p V.
std::vector<std::string> readStrings(const Json &V, const std::string &Path);
/// The location at \p Key of \p Object.
void readLocationInto(const Json &Object, const std::string &Path, std::string_view Key,
                      std::string &File, unsigned &Line, unsigned &Column);

/// Each of \p Items written with \p Write, as an array.
template <typename T, typename WriteOne>
OrderedJson arrayToJson(const std::vector<T> &Items, WriteOne Write) {
  OrderedJson Out = OrderedJson::array();
  for (const T &Item : Items)
    Out.push_back(Write(Item));
  return Out;
}

/// Each element of the array \p V read with \p Read(element, path).
template <typename ReadOne>
auto arrayFromJson(const Json &V, const std::string &Path, ReadOne Read) {
  std::vector<decltype(Read(V, Path))> Out;
  const Json &Items = expectArray(V, Path);
  for (std::size_t I = 0; I < Items.size(); ++I)
    Out.push_back(Read(Items[I], element(Path, I)));
  return Out;
}

} // namespace concur::json

#endif
