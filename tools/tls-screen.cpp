// tls-screen: rank candidate pairs by their predicted chance of holding a TLS, so that NEBs run only
// on the likely two-level systems (Ciarella et al., Nat. Commun. 14, 4229 (2023); docs/tools/tls-screen.md).
#include <cstdio>
#include <iostream>

#include "tls/cli/cli.hpp"
#include "tls/core/error.hpp"
#include "tls/core/format.hpp"
#include "tls/io/files.hpp"
#include "tls/screen/screen.hpp"
#include "tls/screen/stream.hpp"

namespace {

std::vector<tls::screen::GlassInput> triples(const std::vector<std::string>& v, const std::string& mode) {
  if (v.empty() || v.size() % 3 != 0)
    throw tls::UsageError(mode + " expects PAIRS STATUS SPLIT triples, one per glass (try 'tls-screen --help')");
  std::vector<tls::screen::GlassInput> out;
  for (std::size_t k = 0; k < v.size(); k += 3) out.push_back({v[k], v[k + 1], v[k + 2]});
  return out;
}

std::vector<std::string> comma_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s + ",") {
    if (ch == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  return out;
}

int run_screen(int argc, char** argv) {
  tls::cli::Tool tool(
      "tls-screen", "rank candidate pairs by their chance of holding a TLS (gradient-boosted trees)", "MODE FILE...",
      "Modes:\n"
      "  train PAIRS STATUS SPLIT [PAIRS STATUS SPLIT ...] -o MODEL --mass M --seed S\n"
      "      learns from exactly computed glasses: for each, its tls-pairs table, tls-neb's status.tsv\n"
      "      (or the tls-neb output folder) and the tls-split table of its profiles. A pair's label is\n"
      "      the smallest splitting of its double wells at mass M, or 'not a double well'; unconverged,\n"
      "      failed and uncomputed pairs are left out. Four XGBoost models are trained: a classifier\n"
      "      (double well or not), a regressor (log10 splitting of the double wells), a TLS classifier\n"
      "      (splitting below --threshold, default 2 pi / M) and a cost regressor (log10 force calls of\n"
      "      the pair's tls-neb run, from status.tsv; unconverged pairs count here too).\n"
      "  rank MODEL PAIRS -o RANKED [--top K | --fraction F] [--exclude STATUS ...] [--order O]\n"
      "      predicts p_dw, the splitting, p_tls and the NEB's force calls of every pair and writes the\n"
      "      table best first: pairs with p_dw >= --p-min first, then by --order:\n"
      "        tls        p_tls, highest first (default: the most TLS in the fewest pairs)\n"
      "        yield      p_tls / predicted force calls (the most TLS per CPU-second of NEB)\n"
      "        splitting  predicted splitting, smallest first (the order of model 1.0)\n"
      "      ties by predicted splitting, then pair id; as tls-pairs 1.1 with columns p_dw,\n"
      "      predicted_splitting, p_tls, predicted_cost, rank appended: tls-neb reads it unchanged.\n"
      "  sample PAIRS --fraction F --seed S -o SAMPLE\n"
      "      a random sample of the pairs (each kept with probability F, drawn from (seed, pair id)),\n"
      "      at least one: the exactly computed start of the iterative workflow.\n"
      "  rank-all MODEL LIBRARY --max-dE E --top K -o RANKED [--exclude STATUS ...]\n"
      "      every pair of minima of a tls-minima library within dE <= E (default " +
          tls::cli::default_text(tls::screen::RankAllConfig{}.max_dE) +
          "; the all-pairs\n"
          "      candidates of Ciarella et al. 2023), streamed: features, prediction, the best K (default\n"
          "      " +
          tls::cli::default_text(tls::screen::RankAllConfig{}.top) +
          ") kept, written as a ranked tls-pairs 1.1 table (pair id lo*(largest id+1)+hi; counts 0).\n"
          "  merge TABLE [TABLE ...] -o OUT\n"
          "      the rows of tables of one format, columns and glass (the rounds of the iterative workflow)\n"
          "      in one table, so that tls-density and the report see one table per glass.\n"
          "  evaluate MODEL PAIRS STATUS SPLIT [...]\n"
          "      recall of the ranking on exactly computed glasses (never seen in training): the share of\n"
          "      TLS (splitting < --threshold, default 2 pi / m) among the best 5, 10, 20 % of the pairs,\n"
          "      and the enrichment over random choice, as a table on stdout (or -o).\n\n"
          "Features (columns of the pair table): dE, distance, max_displacement, PR, PR_particle,\n"
          "count_ab, count_ba, disp2, disp3; a model needs at least dE, distance, max_displacement,\n"
          "PR_particle, count_ab, count_ba. The same inputs and seed give the same model bytes and\n"
          "ranking whatever --threads (training runs on one thread).");
  tool.add_output("model (train), ranked pair list (rank) or recall table (evaluate); '-' = stdout");
  tool.add_seed();
  tool.add_threads();
  // Options are stored straight into each mode's config; their defaults are the structs' own.
  tls::screen::TrainConfig train;
  tls::screen::RankConfig rank;
  tls::screen::RankAllConfig rank_all;
  tls::screen::SampleConfig sample;
  tls::screen::EvaluateConfig evaluate;
  using tls::cli::bound;
  tool.add("Train")("mass", "dimensionless mass m~ of the splittings to learn", bound(train.mass), "M")(
      "features", "comma-separated feature columns (default: every known feature present in all tables)",
      cxxopts::value<std::string>(), "LIST")("rounds", "boosting rounds", bound(train.params.rounds), "N")(
      "max-depth", "tree depth", bound(train.params.max_depth), "N")(
      "eta", "learning rate", bound(train.params.eta), "X")("subsample", "share of rows sampled per tree (seeded)",
                                                            bound(train.params.subsample), "X")(
      "allow-degenerate", "train something from an empty or single-class set (the workflow's first rounds)");
  tool.add("Rank")("top", "keep the best K pairs", cxxopts::value<long long>(), "K")(
      "fraction", "keep the best ceil(F n) pairs", cxxopts::value<double>(), "F")(
      "exclude", "leave out the pairs listed in this table (status.tsv, tls-neb folder or pair list); repeatable",
      cxxopts::value<std::vector<std::string>>(),
      "FILE")("max-dE", "rank-all: the dE cut (eps)", cxxopts::value<double>(), "E")(
      "p-min", "pairs with p_dw below this are ranked last", bound(rank.p_min), "P")(
      "order", "rank, rank-all, evaluate: tls, yield or splitting (see Modes below)",
      cxxopts::value<std::string>()->default_value(tls::screen::to_string(rank.order)),
      "O")("threshold", "train, evaluate, --gate: a TLS has splitting below this (eps; default 2 pi / mass)",
           cxxopts::value<double>(), "E")("gate",
                                          "rank: splitting tables of the previous round (repeatable); with "
                                          "fewer than --gate-min TLS in them, no pair is written",
                                          cxxopts::value<std::vector<std::string>>(), "FILE")(
      "gate-min", "rank: TLS the previous round must have found to go on", bound(rank.gate_min), "N");
  tool.set_positional({"mode", "input"});
  tool.set_epilog(
      "Examples:\n"
      "  tls-screen train g1/pairs.tsv g1/neb/ g1/split.tsv g2/pairs.tsv g2/neb/ g2/split.tsv --seed 1 -o screen.tsm\n"
      "  tls-screen rank screen.tsm g3/pairs.tsv --fraction 0.1 -o g3/ranked.tsv && tls-neb ... g3/ranked.tsv\n"
      "  tls-screen evaluate screen.tsm g3/pairs.tsv g3/neb/ g3/split.tsv\n"
      "Formats: docs/formats/tls-screen-model.md, docs/formats/tls-pairs.md; tool page: docs/tools/tls-screen.md");
  const auto opt = tool.arguments(argc, argv);
  const std::string mode = opt.count("mode") ? opt["mode"].as<std::string>() : "";
  const auto inputs = tls::cli::values(opt, "input");
  rank_all.p_min = evaluate.p_min = rank.p_min;  // --p-min serves rank, rank-all and evaluate
  rank.order = rank_all.order = evaluate.order = tls::screen::order_from_name(opt["order"].as<std::string>());

  if (mode == "train") {
    auto& c = train;
    c.glasses = triples(inputs, "train");
    if (opt.count("features")) c.features = comma_list(opt["features"].as<std::string>());
    if (opt.count("threshold")) c.threshold = opt["threshold"].as<double>();
    tls::screen::validate(c);
    c.params.seed = tool.seed();
    c.allow_degenerate = opt.count("allow-degenerate") > 0;
    c.output = tool.output();
    std::vector<std::string> files;
    for (const auto& g : c.glasses) files.insert(files.end(), {g.pairs, g.status, g.splitting});
    const auto r = tls::screen::train(c, tool.provenance(files), tool.progress());
    std::string feats;
    for (const auto& f : r.features) feats += (feats.empty() ? "" : ",") + f;
    tool.note("trained on " + std::to_string(r.labelled) + " labelled pairs (" + std::to_string(r.double_wells) +
              " double wells, " + std::to_string(r.tls) + " TLS) of " + std::to_string(r.glasses) + " glasses; " +
              std::to_string(r.unknown) + " pairs without a label; cost learnt from " + std::to_string(r.costed) +
              " pairs; features " + feats);
    if (r.tls == 0)
      tool.note(
          "no TLS among the training pairs: p_tls cannot separate, so --order tls and yield fall back to "
          "the predicted splitting");
    return 0;
  }
  if (mode == "rank") {
    if (inputs.size() != 2) throw tls::UsageError("rank expects MODEL PAIRS (one pair table per call)");
    auto& c = rank;
    c.model = inputs[0];
    c.pairs = inputs[1];
    c.output = tool.output();
    if (opt.count("top") && opt.count("fraction")) throw tls::UsageError("give --top or --fraction, not both");
    if (opt.count("top")) c.top = opt["top"].as<long long>();
    if (opt.count("fraction")) c.fraction = opt["fraction"].as<double>();
    c.exclude = tls::cli::values(opt, "exclude");
    c.threads = tool.threads();
    c.gate = tls::cli::values(opt, "gate");
    if (opt.count("threshold")) c.gate_threshold = opt["threshold"].as<double>();
    std::vector<std::string> files = {c.model, c.pairs};
    files.insert(files.end(), c.exclude.begin(), c.exclude.end());
    files.insert(files.end(), c.gate.begin(), c.gate.end());
    const auto r = tls::screen::rank(c, tool.provenance(files), tool.progress());
    if (r.stopped)
      tool.note("the previous round found " + std::to_string(r.gate_tls) +
                " TLS (fewer than --gate-min): no pair selected");
    tool.note(std::to_string(r.pairs) + " pairs, " + std::to_string(r.excluded) + " excluded, " +
              std::to_string(r.ranked) + " ranked, " + std::to_string(r.written) + " written");
    return 0;
  }
  if (mode == "rank-all") {
    if (inputs.size() != 2) throw tls::UsageError("rank-all expects MODEL LIBRARY");
    auto& c = rank_all;
    c.model = inputs[0];
    c.library = inputs[1];
    c.output = tool.output();
    if (opt.count("max-dE")) c.max_dE = opt["max-dE"].as<double>();
    if (opt.count("top")) {
      const long long top = opt["top"].as<long long>();
      if (top < 0) throw tls::UsageError("--top must be >= 0");
      c.top = static_cast<std::size_t>(top);
    }
    c.exclude = tls::cli::values(opt, "exclude");
    c.threads = tool.threads();
    std::vector<std::string> files = {c.model, c.library};
    files.insert(files.end(), c.exclude.begin(), c.exclude.end());
    const auto r = tls::screen::rank_all(c, tool.provenance(files));
    tool.note(std::to_string(r.pairs) + " pairs within dE <= " + tls::format_double(c.max_dE) + " ranked, " +
              std::to_string(r.best.size()) + " written");
    return 0;
  }
  if (mode == "merge") {
    if (inputs.empty()) throw tls::UsageError("merge expects one or more tables");
    const long n = tls::screen::merge_tables(inputs, tool.output(), tool.provenance(inputs));
    tool.note(std::to_string(n) + " rows from " + std::to_string(inputs.size()) + " tables");
    return 0;
  }
  if (mode == "sample") {
    if (inputs.size() != 1) throw tls::UsageError("sample expects one pair table");
    auto& c = sample;
    c.pairs = inputs[0];
    c.output = tool.output();
    if (opt.count("fraction")) c.fraction = opt["fraction"].as<double>();
    c.seed = tool.seed();
    const long n = tls::screen::sample(c, tool.provenance({c.pairs}));
    tool.note(std::to_string(n) + " pairs sampled");
    return 0;
  }
  if (mode == "evaluate") {
    if (inputs.size() < 4) throw tls::UsageError("evaluate expects MODEL and PAIRS STATUS SPLIT triples");
    auto& c = evaluate;
    c.model = inputs[0];
    c.glasses = triples(std::vector<std::string>(inputs.begin() + 1, inputs.end()), "evaluate");
    if (opt.count("threshold")) c.threshold = opt["threshold"].as<double>();
    c.threads = tool.threads();
    const auto r = tls::screen::evaluate(c, tool.progress());
    tls::AtomicOutput out(tool.output());
    tls::TableWriter w(out.stream(), "screen-recall", 1, 0);
    std::vector<std::string> files = {c.model};
    for (const auto& g : c.glasses) files.insert(files.end(), {g.pairs, g.status, g.splitting});
    w.meta(tool.provenance(files));
    w.meta("pairs", std::to_string(r.pairs));
    w.meta("tls", std::to_string(r.tls));
    w.meta("threshold", tls::format_double(r.threshold));
    w.columns({"fraction", "pairs", "tls", "recall", "enrichment"});
    for (const auto& row : r.rows) w.row({row.fraction, row.pairs, row.tls, row.recall, row.enrichment});
    out.commit();
    return 0;
  }
  throw tls::UsageError(
      mode.empty() ? "a mode is required: train, rank, rank-all, sample, merge or evaluate (try 'tls-screen --help')"
                   : "unknown mode '" + mode + "' (expected train, rank, rank-all, sample, merge or evaluate)");
}

}  // namespace

int main(int argc, char** argv) {
  return tls::cli::run("tls-screen", [&] { return run_screen(argc, argv); });
}
