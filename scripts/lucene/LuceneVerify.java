// tracuu's search on real Lucene (the engine inside OpenSearch and Elasticsearch), checked
// against tracuu itself. Run by scripts/lucene-verify.sh, which says what each argument is.
//
// It builds what an OpenSearch node would build from deploy/opensearch/index-template.json and
// the _bulk file `tracuu bulk` wrote: the template's analyzers (whitespace for the token
// fields; ICU nfkc_cf + the generated tone mapping + pattern tokenizer + lowercase [+ asciifolding]
// for the text fields) and its field types (text with index_options and norms, keyword with doc
// values, long with points and doc values). It turns `tracuu query-dsl --msearch` output into
// Lucene queries the way OpenSearch's query builders do (bool, term, match_phrase, range,
// match_all, match_none, boost, minimum_should_match, pure negative bools matching everything
// else), counts the terms aggregations over the matching documents, and compares, per query, with
// `tracuu search --json`: the match kind, the total, the top 10, the facets and the histogram.
// It also runs every spelling tracuu's tone rule unifies through the text analyzer.

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.ibm.icu.text.Normalizer2;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.index.FieldInvertState;
import org.apache.lucene.search.similarities.PerFieldSimilarityWrapper;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

public final class LuceneVerify {
  static final double MIN_OVERLAP = 0.9;
  /** How deep Lucene's ranking is read to place a hit of tracuu's top 10 that Lucene ranks lower. */
  static final int DEEP = 100;
  /** The depth of Lucene's ranking every hit of tracuu's top 10 must be within. */
  static final int NEAR = 20;

  // ---------------------------------------------------------------- the template's analyzers

  /** An analyzer as OpenSearch builds a `custom` one: char filters, tokenizer, token filters. */
  static final class CustomAnalyzer extends Analyzer {
    final List<JsonObject> charFilters;
    final JsonObject tokenizer;
    final List<JsonObject> filters;

    CustomAnalyzer(List<JsonObject> charFilters, JsonObject tokenizer, List<JsonObject> filters) {
      this.charFilters = charFilters;
      this.tokenizer = tokenizer;
      this.filters = filters;
    }

    @Override
    protected Reader initReader(String field, Reader reader) {
      for (JsonObject def : charFilters) {
        String type = def.get("type").getAsString();
        switch (type) {
          case "icu_normalizer": {
            String name = def.has("name") ? def.get("name").getAsString() : "nfkc_cf";
            reader = new ICUNormalizer2CharFilter(
                reader, Normalizer2.getInstance(null, name, Normalizer2.Mode.COMPOSE));
            break;
          }
          case "mapping":
            reader = new MappingCharFilter(charMap(def), reader);
            break;
          default:
            throw new IllegalArgumentException("char filter type not reproduced: " + type);
        }
      }
      return reader;
    }

    @Override
    protected TokenStreamComponents createComponents(String field) {
      String type = tokenizer.get("type").getAsString();
      Tokenizer source;
      switch (type) {
        case "pattern":
          source = new PatternTokenizer(Pattern.compile(tokenizer.get("pattern").getAsString()), -1);
          break;
        case "whitespace":
          source = new WhitespaceTokenizer();
          break;
        default:
          throw new IllegalArgumentException("tokenizer type not reproduced: " + type);
      }
      TokenStream stream = source;
      for (JsonObject def : filters) {
        String ftype = def.get("type").getAsString();
        switch (ftype) {
          case "lowercase":
            stream = new LowerCaseFilter(stream);
            break;
          case "asciifolding":
            stream = new ASCIIFoldingFilter(stream, false);
            break;
          case "stop": {
            // OpenSearch's stop filter: the words dropped, their positions left empty.
            List<String> words = new ArrayList<>();
            for (JsonElement w : def.getAsJsonArray("stopwords")) words.add(w.getAsString());
            boolean ignoreCase = def.has("ignore_case") && def.get("ignore_case").getAsBoolean();
            stream = new StopFilter(stream, new CharArraySet(words, ignoreCase));
            break;
          }
          case "length":
            stream = new LengthFilter(stream, def.has("min") ? def.get("min").getAsInt() : 0,
                def.has("max") ? def.get("max").getAsInt() : Integer.MAX_VALUE);
            break;
          default:
            throw new IllegalArgumentException("token filter type not reproduced: " + ftype);
        }
      }
      return new TokenStreamComponents(source, stream);
    }
  }

  static final Map<JsonObject, NormalizeCharMap> CHAR_MAPS = new HashMap<>();

  /** The `mapping` char filter's rules, parsed as OpenSearch parses `key => value` lines. */
  static synchronized NormalizeCharMap charMap(JsonObject def) {
    return CHAR_MAPS.computeIfAbsent(def, d -> {
      NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
      for (JsonElement line : d.getAsJsonArray("mappings")) {
        String[] parts = line.getAsString().split("=>", 2);
        if (parts.length != 2) {
          throw new IllegalArgumentException("not a mapping rule: " + line);
        }
        builder.add(parts[0].trim(), parts[1].trim());
      }
      return builder.build();
    });
  }

  /** Every analyzer the template's mappings name, by name ("whitespace" is OpenSearch's own). */
  static Map<String, Analyzer> analyzers(JsonObject template) {
    JsonObject analysis = template.getAsJsonObject("template").getAsJsonObject("settings")
        .getAsJsonObject("analysis");
    Map<String, Analyzer> out = new HashMap<>();
    out.put("whitespace", new WhitespaceAnalyzer());
    for (Map.Entry<String, JsonElement> entry : analysis.getAsJsonObject("analyzer").entrySet()) {
      JsonObject def = entry.getValue().getAsJsonObject();
      List<JsonObject> charFilters = new ArrayList<>();
      for (JsonElement name : def.getAsJsonArray("char_filter")) {
        charFilters.add(analysis.getAsJsonObject("char_filter").getAsJsonObject(name.getAsString()));
      }
      String tokenizerName = def.get("tokenizer").getAsString();
      JsonObject tokenizer = analysis.getAsJsonObject("tokenizer").getAsJsonObject(tokenizerName);
      if (tokenizer == null) {
        // A built-in tokenizer, named by its type.
        tokenizer = new JsonObject();
        tokenizer.addProperty("type", tokenizerName);
      }
      List<JsonObject> filters = new ArrayList<>();
      for (JsonElement name : def.getAsJsonArray("filter")) {
        String n = name.getAsString();
        JsonObject custom = analysis.has("filter") ? analysis.getAsJsonObject("filter").getAsJsonObject(n) : null;
        if (custom != null) {
          filters.add(custom);
        } else {
          JsonObject builtin = new JsonObject();
          builtin.addProperty("type", n);
          filters.add(builtin);
        }
      }
      out.put(entry.getKey(), new CustomAnalyzer(charFilters, tokenizer, filters));
    }
    return out;
  }

  static List<String> tokens(Analyzer analyzer, String field, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    }
    return out;
  }

  // ---------------------------------------------------------------- the template's field types

  /** A field of the mapping: its type, analyzer, options, and its text sub-fields. */
  static final class Mapping {
    String name;
    String type;
    String analyzer;
    String indexOptions = "positions";
    boolean norms;
    /** The named similarity of the field (`similarity` in the mapping); null for BM25. */
    String similarity;
    int ignoreAbove = Integer.MAX_VALUE;
    List<Mapping> subFields = new ArrayList<>();
  }

  static Map<String, Mapping> mappings(JsonObject template) {
    JsonObject properties = template.getAsJsonObject("template").getAsJsonObject("mappings")
        .getAsJsonObject("properties");
    Map<String, Mapping> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> entry : properties.entrySet()) {
      out.put(entry.getKey(), mapping(entry.getKey(), entry.getValue().getAsJsonObject()));
    }
    return out;
  }

  static Mapping mapping(String name, JsonObject def) {
    Mapping m = new Mapping();
    m.name = name;
    m.type = def.get("type").getAsString();
    m.analyzer = def.has("analyzer") ? def.get("analyzer").getAsString() : "standard";
    if (def.has("index_options")) {
      m.indexOptions = def.get("index_options").getAsString();
    }
    // OpenSearch: text fields keep norms unless told not to, keywords drop them unless told to.
    m.norms = def.has("norms") ? def.get("norms").getAsBoolean() : m.type.equals("text");
    if (def.has("ignore_above")) {
      m.ignoreAbove = def.get("ignore_above").getAsInt();
    }
    if (def.has("similarity")) {
      m.similarity = def.get("similarity").getAsString();
    }
    if (def.has("fields")) {
      for (Map.Entry<String, JsonElement> sub : def.getAsJsonObject("fields").entrySet()) {
        m.subFields.add(mapping(name + "." + sub.getKey(), sub.getValue().getAsJsonObject()));
      }
    }
    return m;
  }

  static IndexOptions indexOptions(String name) {
    switch (name) {
      case "docs": return IndexOptions.DOCS;
      case "freqs": return IndexOptions.DOCS_AND_FREQS;
      case "positions": return IndexOptions.DOCS_AND_FREQS_AND_POSITIONS;
      case "offsets": return IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS;
      default: throw new IllegalArgumentException("index_options " + name);
    }
  }

  /** Adds `value` to `doc` as OpenSearch indexes a value of this field. */
  static void addValue(Document doc, Mapping m, JsonElement value) {
    switch (m.type) {
      case "text": {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setOmitNorms(!m.norms);
        type.setIndexOptions(indexOptions(m.indexOptions));
        type.freeze();
        doc.add(new Field(m.name, value.getAsString(), type));
        for (Mapping sub : m.subFields) {
          addValue(doc, sub, value);
        }
        break;
      }
      case "keyword": {
        String text = value.getAsString();
        if (text.length() > m.ignoreAbove) {
          break;
        }
        FieldType type = new FieldType();
        type.setTokenized(false);
        type.setOmitNorms(!m.norms);
        type.setIndexOptions(IndexOptions.DOCS);
        type.freeze();
        doc.add(new Field(m.name, text, type));
        doc.add(new SortedSetDocValuesField(m.name, new BytesRef(text)));
        break;
      }
      case "long": {
        long n = value.getAsLong();
        doc.add(new LongPoint(m.name, n));
        doc.add(new SortedNumericDocValuesField(m.name, n));
        break;
      }
      default:
        throw new IllegalArgumentException("field type not reproduced: " + m.type);
    }
  }

  // ---------------------------------------------------------------- Query DSL → Lucene

  static final class QueryTranslator {
    final Map<String, Mapping> fields;
    final Analyzer searchAnalyzer;

    QueryTranslator(Map<String, Mapping> fields, Analyzer searchAnalyzer) {
      this.fields = fields;
      this.searchAnalyzer = searchAnalyzer;
    }

    Query translate(JsonObject dsl, boolean filterContext) throws IOException {
      if (dsl.size() != 1) {
        throw new IllegalArgumentException("one query per object: " + dsl);
      }
      Map.Entry<String, JsonElement> entry = dsl.entrySet().iterator().next();
      JsonObject body = entry.getValue().getAsJsonObject();
      switch (entry.getKey()) {
        case "bool": return bool(body, filterContext);
        case "term": return term(body);
        case "match_phrase": return matchPhrase(body);
        case "range": return range(body);
        case "match_all": return boosted(new MatchAllDocsQuery(), body);
        case "match_none": return new MatchNoDocsQuery();
        default: throw new IllegalArgumentException("query type not reproduced: " + entry.getKey());
      }
    }

    Query bool(JsonObject body, boolean filterContext) throws IOException {
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      int required = 0;
      int should = 0;
      String[][] occurs = {{"must", "MUST"}, {"filter", "FILTER"}, {"should", "SHOULD"}, {"must_not", "MUST_NOT"}};
      for (String[] occur : occurs) {
        if (!body.has(occur[0])) {
          continue;
        }
        BooleanClause.Occur o = BooleanClause.Occur.valueOf(occur[1]);
        boolean filter = filterContext || o == BooleanClause.Occur.FILTER || o == BooleanClause.Occur.MUST_NOT;
        for (JsonElement clause : body.getAsJsonArray(occur[0])) {
          builder.add(translate(clause.getAsJsonObject(), filter), o);
          if (o == BooleanClause.Occur.MUST || o == BooleanClause.Occur.FILTER) required++;
          if (o == BooleanClause.Occur.SHOULD) should++;
        }
      }
      // OpenSearch's defaults: with no required clause at least one `should` must match (always
      // so in a filter context); a stated minimum wins.
      int minimum = body.has("minimum_should_match") ? body.get("minimum_should_match").getAsInt()
          : (should > 0 && (required == 0 || filterContext)) ? 1 : 0;
      builder.setMinimumNumberShouldMatch(minimum);
      BooleanQuery query = builder.build();
      Query out = query;
      if (query.clauses().isEmpty()) {
        out = new MatchAllDocsQuery();
      } else if (required == 0 && should == 0) {
        // A pure negative bool matches everything else (adjust_pure_negative).
        BooleanQuery.Builder fixed = new BooleanQuery.Builder();
        for (BooleanClause clause : query.clauses()) fixed.add(clause);
        fixed.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
        out = fixed.build();
      }
      return boosted(out, body);
    }

    Query term(JsonObject body) {
      Map.Entry<String, JsonElement> field = body.entrySet().iterator().next();
      checkField(field.getKey());
      // Both forms OpenSearch takes: {"field": "value"} and {"field": {"value": …, "boost": …}}.
      if (!field.getValue().isJsonObject()) {
        return new TermQuery(new Term(field.getKey(), field.getValue().getAsString()));
      }
      JsonObject spec = field.getValue().getAsJsonObject();
      return boosted(new TermQuery(new Term(field.getKey(), spec.get("value").getAsString())), spec);
    }

    Query matchPhrase(JsonObject body) throws IOException {
      Map.Entry<String, JsonElement> field = body.entrySet().iterator().next();
      JsonObject spec = field.getValue().getAsJsonObject();
      Mapping m = checkField(field.getKey());
      if (!m.analyzer.equals("whitespace") && !m.analyzer.equals("vi_positions")) {
        throw new IllegalArgumentException("phrases are reproduced on token fields only");
      }
      // As OpenSearch's match_phrase: the field's own analyzer, each term at its position (a
      // stop word's position left empty).
      List<String> terms = new ArrayList<>();
      List<Integer> positions = new ArrayList<>();
      try (TokenStream stream = searchAnalyzer.tokenStream(field.getKey(), spec.get("query").getAsString())) {
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
        stream.reset();
        int position = -1;
        while (stream.incrementToken()) {
          position += increment.getPositionIncrement();
          terms.add(term.toString());
          positions.add(position);
        }
        stream.end();
      }
      Query query;
      if (terms.size() == 1) {
        query = new TermQuery(new Term(field.getKey(), terms.get(0)));
      } else {
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        for (int i = 0; i < terms.size(); i++) {
          phrase.add(new Term(field.getKey(), terms.get(i)), positions.get(i));
        }
        query = phrase.build();
      }
      return boosted(query, spec);
    }

    Query range(JsonObject body) {
      Map.Entry<String, JsonElement> field = body.entrySet().iterator().next();
      JsonObject spec = field.getValue().getAsJsonObject();
      Mapping m = checkField(field.getKey());
      if (!m.type.equals("long")) {
        throw new IllegalArgumentException("ranges are reproduced on long fields only");
      }
      long lower = spec.has("gte") ? spec.get("gte").getAsLong() : Long.MIN_VALUE;
      long upper = spec.has("lte") ? spec.get("lte").getAsLong() : Long.MAX_VALUE;
      return boosted(new ConstantScoreQuery(LongPoint.newRangeQuery(field.getKey(), lower, upper)), spec);
    }

    Mapping checkField(String name) {
      for (Mapping m : fields.values()) {
        if (m.name.equals(name)) return m;
        for (Mapping sub : m.subFields) if (sub.name.equals(name)) return sub;
      }
      throw new IllegalArgumentException("no such field in the template: " + name);
    }

    static Query boosted(Query query, JsonObject spec) {
      if (spec.has("boost")) {
        float boost = spec.get("boost").getAsFloat();
        if (boost != 1f) return new BoostQuery(query, boost);
      }
      return query;
    }
  }

  /** The template's `tracuu_presence` similarity (a scripted one on the cluster): BM25 with the
   *  term frequency taken as 1, on a field that records frequencies so that its average length
   *  counts tokens. That is how Tantivy scores a field that records documents only. */
  static final class Presence extends Similarity {
    final BM25Similarity bm25 = new BM25Similarity();

    @Override
    public long computeNorm(FieldInvertState state) {
      return bm25.computeNorm(state);
    }

    @Override
    public SimScorer scorer(float boost, CollectionStatistics collection, TermStatistics... terms) {
      SimScorer inner = bm25.scorer(boost, collection, terms);
      return new SimScorer() {
        @Override
        public float score(float freq, long norm) {
          return inner.score(1f, norm);
        }
      };
    }
  }

  /** BM25, or the field's named similarity from the template. */
  static Similarity similarities(Map<String, Mapping> fields, JsonObject template) {
    JsonObject settings = template.getAsJsonObject("template").getAsJsonObject("settings");
    JsonObject named = settings.has("index") && settings.getAsJsonObject("index").has("similarity")
        ? settings.getAsJsonObject("index").getAsJsonObject("similarity") : new JsonObject();
    Map<String, Similarity> byField = new HashMap<>();
    for (Mapping m : fields.values()) {
      if (m.similarity == null) continue;
      if (!m.similarity.equals("tracuu_presence") || !named.has(m.similarity)) {
        throw new IllegalArgumentException("field " + m.name + ": unknown similarity " + m.similarity);
      }
      byField.put(m.name, new Presence());
    }
    Similarity bm25 = new BM25Similarity();
    return new PerFieldSimilarityWrapper() {
      @Override
      public Similarity get(String name) {
        return byField.getOrDefault(name, bm25);
      }
    };
  }

  // ---------------------------------------------------------------- terms aggregations

  /** Counts the values of keyword fields over the documents a query matches. */
  static final class Counter extends SimpleCollector {
    final List<String> fields;
    final List<Map<String, Long>> counts = new ArrayList<>();
    SortedSetDocValues[] values;

    Counter(List<String> fields) {
      this.fields = fields;
      for (int i = 0; i < fields.size(); i++) counts.add(new HashMap<>());
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      values = new SortedSetDocValues[fields.size()];
      for (int i = 0; i < fields.size(); i++) {
        values[i] = context.reader().getSortedSetDocValues(fields.get(i));
      }
    }

    @Override
    public void collect(int doc) throws IOException {
      for (int i = 0; i < values.length; i++) {
        SortedSetDocValues v = values[i];
        if (v == null || !v.advanceExact(doc)) continue;
        for (long ord = v.nextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = v.nextOrd()) {
          counts.get(i).merge(v.lookupOrd(ord).utf8ToString(), 1L, Long::sum);
        }
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  /** The buckets of one `terms` aggregation: its order, size and exclusions. */
  static List<Object[]> buckets(Map<String, Long> counts, JsonObject terms) {
    Set<String> exclude = new HashSet<>();
    if (terms.has("exclude")) for (JsonElement e : terms.getAsJsonArray("exclude")) exclude.add(e.getAsString());
    List<Object[]> list = new ArrayList<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (!exclude.contains(e.getKey())) list.add(new Object[] {e.getKey(), e.getValue()});
    }
    JsonArray order = new JsonArray();
    if (!terms.has("order")) {
      JsonObject count = new JsonObject();
      count.addProperty("_count", "desc");
      order.add(count);
    } else if (terms.get("order").isJsonArray()) {
      order = terms.getAsJsonArray("order");
    } else {
      order.add(terms.get("order"));
    }
    Comparator<Object[]> comparator = null;
    for (JsonElement element : order) {
      Map.Entry<String, JsonElement> o = element.getAsJsonObject().entrySet().iterator().next();
      Comparator<Object[]> c = o.getKey().equals("_key")
          ? Comparator.comparing(b -> (String) b[0])
          : Comparator.comparing(b -> (Long) b[1]);
      if (o.getValue().getAsString().equals("desc")) c = c.reversed();
      comparator = comparator == null ? c : comparator.thenComparing(c);
    }
    // OpenSearch breaks remaining ties by key, ascending.
    Comparator<Object[]> byKey = Comparator.comparing(b -> (String) b[0]);
    list.sort(comparator == null ? byKey : comparator.thenComparing(byKey));
    int size = terms.has("size") ? terms.get("size").getAsInt() : 10;
    return new ArrayList<>(list.subList(0, Math.min(size, list.size())));
  }

  // ---------------------------------------------------------------- one search, as OpenSearch answers it

  static final class Answer {
    String match;
    long total;
    List<String> ids = new ArrayList<>();
    /** Lucene's ranking beyond the page (up to DEEP), to say how far a missing hit fell. */
    List<String> deeper = new ArrayList<>();
    Map<String, List<Object[]>> facets = new LinkedHashMap<>();
    List<Object[]> histogram = new ArrayList<>();
  }

  static Answer search(IndexSearcher searcher, QueryTranslator translator, List<JsonObject> bodies)
      throws IOException {
    Answer answer = null;
    for (int i = 0; i < bodies.size(); i++) {
      Answer a = searchOne(searcher, translator, bodies.get(i));
      a.match = i == 0 ? "all" : "partial";
      if (answer == null) answer = a;
      if (a.total > 0) return a;
    }
    return answer;
  }

  /**
   * The best `n` hits of `query`, with OpenSearch's `rescore` when the body has one (window_size,
   * rescore_query, rescore_query_weight, score_mode total): the first window_size hits get the
   * rescore query's weighted score added and are ordered again; the others follow in order.
   */
  static TopDocs rescored(
      IndexSearcher searcher, QueryTranslator translator, JsonObject body, Query query, int n)
      throws IOException {
    if (!body.has("rescore")) return searcher.search(query, n);
    JsonObject rescore = body.getAsJsonObject("rescore");
    int window = rescore.get("window_size").getAsInt();
    JsonObject spec = rescore.getAsJsonObject("query");
    Query second = translator.translate(spec.getAsJsonObject("rescore_query"), false);
    double weight =
        spec.has("rescore_query_weight") ? spec.get("rescore_query_weight").getAsDouble() : 1.0;
    TopDocs top = searcher.search(query, Math.max(n, window));
    int head = Math.min(window, top.scoreDocs.length);
    TopDocs first = new TopDocs(top.totalHits, Arrays.copyOf(top.scoreDocs, head));
    TopDocs again = QueryRescorer.rescore(searcher, first, second, weight, head);
    ScoreDoc[] all = Arrays.copyOf(again.scoreDocs, top.scoreDocs.length);
    System.arraycopy(top.scoreDocs, head, all, head, top.scoreDocs.length - head);
    return new TopDocs(top.totalHits, Arrays.copyOf(all, Math.min(n, all.length)));
  }

  static Answer searchOne(IndexSearcher searcher, QueryTranslator translator, JsonObject body)
      throws IOException {
    Query query = translator.translate(body.getAsJsonObject("query"), false);
    Answer answer = new Answer();
    answer.total = searcher.count(query);
    int from = body.has("from") ? body.get("from").getAsInt() : 0;
    int size = body.has("size") ? body.get("size").getAsInt() : 10;
    TopDocs top;
    if (body.has("sort")) {
      JsonObject spec = body.getAsJsonArray("sort").get(0).getAsJsonObject();
      Map.Entry<String, JsonElement> field = spec.entrySet().iterator().next();
      JsonObject options = field.getValue().getAsJsonObject();
      boolean desc = options.get("order").getAsString().equals("desc");
      SortField sort = new SortedNumericSortField(field.getKey(), SortField.Type.LONG, desc);
      // missing: _last
      sort.setMissingValue(desc ? Long.MIN_VALUE : Long.MAX_VALUE);
      top = searcher.search(query, Math.max(1, from + size), new Sort(sort));
    } else {
      top = rescored(searcher, translator, body, query, Math.max(1, from + size));
    }
    ScoreDoc[] docs = top.scoreDocs;
    for (int i = from; i < Math.min(docs.length, from + size); i++) {
      answer.ids.add(searcher.doc(docs[i].doc).get("_id"));
    }
    if (!body.has("sort")) {
      for (ScoreDoc d : rescored(searcher, translator, body, query, from + DEEP).scoreDocs) {
        answer.deeper.add(searcher.doc(d.doc).get("_id"));
      }
    }
    if (!body.has("aggs")) return answer;
    JsonObject aggs = body.getAsJsonObject("aggs");
    List<String> names = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    for (Map.Entry<String, JsonElement> agg : aggs.entrySet()) {
      JsonObject def = agg.getValue().getAsJsonObject();
      if (def.has("terms")) {
        names.add(agg.getKey());
        columns.add(def.getAsJsonObject("terms").get("field").getAsString());
      }
    }
    Counter counter = new Counter(columns);
    searcher.search(query, counter);
    for (int i = 0; i < names.size(); i++) {
      JsonObject terms = aggs.getAsJsonObject(names.get(i)).getAsJsonObject("terms");
      List<Object[]> b = buckets(counter.counts.get(i), terms);
      if (names.get(i).equals("histogram")) answer.histogram = b;
      else answer.facets.put(names.get(i), b);
    }
    for (Map.Entry<String, JsonElement> agg : aggs.entrySet()) {
      JsonObject def = agg.getValue().getAsJsonObject();
      if (!def.has("filter")) continue;
      BooleanQuery both = new BooleanQuery.Builder()
          .add(query, BooleanClause.Occur.FILTER)
          .add(translator.translate(def.getAsJsonObject("filter"), true), BooleanClause.Occur.FILTER)
          .build();
      long count = searcher.count(both);
      // tracuu lists undated articles after the years, as one more bucket when there are any.
      if (agg.getKey().equals("year_undated") && count > 0 && answer.facets.containsKey("year")) {
        answer.facets.get("year").add(new Object[] {"none", count});
      }
    }
    return answer;
  }

  // ---------------------------------------------------------------- tracuu's own answer

  static String run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("RUST_LOG", "error");
    Process process = builder.start();
    byte[] out;
    try (InputStream in = process.getInputStream()) {
      out = in.readAllBytes();
    }
    int code = process.waitFor();
    if (code != 0) {
      throw new IOException("exit " + code + ": " + String.join(" ", command));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  static Answer tracuuAnswer(String json) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    Answer a = new Answer();
    a.match = o.get("match").getAsString();
    a.total = o.get("total").getAsLong();
    for (JsonElement hit : o.getAsJsonArray("hits")) a.ids.add(hit.getAsJsonObject().get("id").getAsString());
    for (Map.Entry<String, JsonElement> facet : o.getAsJsonObject("facets").entrySet()) {
      List<Object[]> list = new ArrayList<>();
      for (JsonElement b : facet.getValue().getAsJsonArray()) {
        list.add(new Object[] {b.getAsJsonObject().get("value").getAsString(), b.getAsJsonObject().get("count").getAsLong()});
      }
      a.facets.put(facet.getKey(), list);
    }
    for (JsonElement b : o.getAsJsonArray("histogram")) {
      a.histogram.add(new Object[] {b.getAsJsonObject().get("month").getAsString(), b.getAsJsonObject().get("count").getAsLong()});
    }
    return a;
  }

  static String show(List<Object[]> buckets) {
    StringBuilder s = new StringBuilder("[");
    for (Object[] b : buckets) s.append(b[0]).append('=').append(b[1]).append(' ');
    return s.append(']').toString();
  }

  static boolean sameBuckets(List<Object[]> a, List<Object[]> b) {
    return show(a).equals(show(b));
  }

  // ---------------------------------------------------------------- the run

  static final class Case {
    String name;
    List<String> args = new ArrayList<>();
  }

  /** One case: `{"name": …, "query": …, "filter": [...], "sort": …, "from": …, "to": …}`. */
  static Case parseCase(JsonObject o) {
    Case c = new Case();
    c.name = o.has("name") ? o.get("name").getAsString() : o.get("query").getAsString();
    if (o.has("filter")) for (JsonElement f : o.getAsJsonArray("filter")) { c.args.add("--filter"); c.args.add(f.getAsString()); }
    for (String flag : new String[] {"sort", "from", "to"}) {
      if (o.has(flag)) { c.args.add("--" + flag); c.args.add(o.get(flag).getAsString()); }
    }
    c.args.add("--");
    c.args.add(o.get("query").getAsString());
    return c;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: LuceneVerify TEMPLATE BULK SPELLINGS CASES TRACUU INDEX");
      System.exit(2);
    }
    JsonObject template = JsonParser.parseString(Files.readString(Paths.get(args[0]))).getAsJsonObject();
    Path bulk = Paths.get(args[1]);
    Path spellings = Paths.get(args[2]);
    Path cases = Paths.get(args[3]);
    String tracuu = args[4];
    String tracuuIndex = args[5];
    boolean ok = true;

    Map<String, Analyzer> analyzers = analyzers(template);
    Map<String, Mapping> fields = mappings(template);
    Analyzer text = analyzers.get("vi_text");
    Analyzer folded = analyzers.get("vi_text_folded");

    // 1. Spellings: every one tracuu unifies comes out of the text analyzer as tracuu's tokens.
    long spelt = 0;
    long misspelt = 0;
    try (BufferedReader reader = Files.newBufferedReader(spellings)) {
      for (String line; (line = reader.readLine()) != null; ) {
        String[] parts = line.split("\t", -1);
        List<String> expected = parts[1].isEmpty() ? List.of() : List.of(parts[1].split(" "));
        List<String> got = tokens(text, "body", parts[0]);
        spelt++;
        if (!got.equals(expected)) {
          if (misspelt < 10) System.out.println("  spelling differs: " + parts[0] + " -> " + got + ", tracuu " + expected);
          misspelt++;
        }
      }
    }
    System.out.printf("spellings through the text analyzer: %d, as tracuu spells them: %d%n", spelt, spelt - misspelt);
    ok &= misspelt == 0 && spelt > 0;

    // 2. The index, as an OpenSearch shard builds it from the _bulk file.
    Map<String, Analyzer> perField = new HashMap<>();
    for (Mapping m : fields.values()) {
      if (m.type.equals("text")) perField.put(m.name, analyzers.get(m.analyzer));
      for (Mapping sub : m.subFields) perField.put(sub.name, analyzers.get(sub.analyzer));
    }
    Analyzer indexAnalyzer = new PerFieldAnalyzerWrapper(new WhitespaceAnalyzer(), perField);
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer)
        .setSimilarity(similarities(fields, template))
        .setRAMBufferSizeMB(512)
        .setMergePolicy(new LogByteSizeMergePolicy());
    long docs = 0;
    long analysedTokens = 0;
    long sameTokens = 0;
    long analysedFolded = 0;
    long sameFolded = 0;
    List<String> analysisExamples = new ArrayList<>();
    try (IndexWriter writer = new IndexWriter(directory, config);
        BufferedReader reader = Files.newBufferedReader(bulk)) {
      for (String action; (action = reader.readLine()) != null; ) {
        JsonObject act = JsonParser.parseString(action).getAsJsonObject();
        JsonObject source = JsonParser.parseString(reader.readLine()).getAsJsonObject();
        JsonObject target = act.has("index") ? act.getAsJsonObject("index") : act.getAsJsonObject("create");
        String id = target.get("_id").getAsString();
        Document doc = new Document();
        doc.add(new StringField("_id", id, Field.Store.YES));
        for (Map.Entry<String, JsonElement> entry : source.entrySet()) {
          Mapping m = fields.get(entry.getKey());
          if (m == null) throw new IllegalArgumentException("strict mapping: no field " + entry.getKey());
          if (entry.getValue().isJsonArray()) {
            for (JsonElement v : entry.getValue().getAsJsonArray()) addValue(doc, m, v);
          } else {
            addValue(doc, m, entry.getValue());
          }
        }
        writer.updateDocument(new Term("_id", id), doc);
        docs++;
        // The text analyzer against tracuu's own syllables of the same text.
        for (String name : new String[] {"title", "body"}) {
          if (!source.has(name)) continue;
          String original = source.get(name).getAsString();
          List<String> mine = tokens(text, name, original);
          List<String> theirs = split(source, name + "_exact");
          analysedTokens += Math.max(mine.size(), theirs.size());
          sameTokens += sameCount(mine, theirs, analysisExamples, name);
          List<String> mineFolded = tokens(folded, name + ".folded", original);
          List<String> theirsFolded = new ArrayList<>(split(source, name + "_folded"));
          theirsFolded.removeIf("."::equals); // a sentence end's empty position, no token
          analysedFolded += Math.max(mineFolded.size(), theirsFolded.size());
          sameFolded += sameCount(mineFolded, theirsFolded, analysisExamples, name + ".folded");
        }
      }
      writer.commit();
    }
    System.out.printf("indexed %d documents from the _bulk file%n", docs);
    System.out.printf("text analyzer vs tracuu's syllables: %d of %d tokens the same (%.4f%%); folded: %d of %d (%.4f%%)%n",
        sameTokens, analysedTokens, 100.0 * sameTokens / Math.max(1, analysedTokens),
        sameFolded, analysedFolded, 100.0 * sameFolded / Math.max(1, analysedFolded));
    for (String example : analysisExamples) System.out.println("  " + example);

    // 3. The searches.
    DirectoryReader reader = DirectoryReader.open(directory);
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setSimilarity(similarities(fields, template));
    // BM25's average length, sumTotalTermFreq / docCount: tokens on every token field, as Tantivy
    // counts them, because the fields tracuu indexes with documents only are indexed here with
    // frequencies and scored by the template's presence similarity (term frequency 1).
    for (Mapping m : fields.values()) {
      if (!m.type.equals("text") || !(m.analyzer.equals("whitespace") || m.analyzer.equals("vi_positions"))) continue;
      org.apache.lucene.search.CollectionStatistics stats = searcher.collectionStatistics(m.name);
      if (stats == null) continue;
      System.out.printf("  %-20s index_options %-9s docs %7d  BM25 average length %8.1f%n", m.name,
          m.indexOptions, stats.docCount(), (double) stats.sumTotalTermFreq() / stats.docCount());
    }
    // match_phrase analyses its text with the field's analyzer, as OpenSearch does.
    QueryTranslator translator = new QueryTranslator(fields, indexAnalyzer);
    List<Case> all = new ArrayList<>();
    for (String line : Files.readAllLines(cases)) {
      if (line.isBlank() || line.startsWith("#")) continue;
      all.add(parseCase(JsonParser.parseString(line).getAsJsonObject()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<String[]>> outputs = new ArrayList<>();
    for (Case c : all) {
      outputs.add(pool.submit(() -> {
        List<String> search = new ArrayList<>(List.of(tracuu, "search", "--index", tracuuIndex, "--json"));
        search.addAll(c.args);
        List<String> dsl = new ArrayList<>(List.of(tracuu, "query-dsl", "--index", tracuuIndex, "--msearch"));
        dsl.addAll(c.args);
        return new String[] {run(search), run(dsl)};
      }));
    }
    int identical = 0;
    int overlapping = 0;
    int near = 0;
    double worstOverlap = 1.0;
    double sumOverlap = 0;
    List<List<JsonObject>> allBodies = new ArrayList<>();
    List<Answer> tracuuAnswers = new ArrayList<>();
    System.out.printf("%-44s %7s %7s %9s %8s %6s %5s%n", "query", "match", "total", "lucene", "top-10", "facets", "months");
    for (int i = 0; i < all.size(); i++) {
      Case c = all.get(i);
      String[] out = outputs.get(i).get();
      Answer mine = tracuuAnswer(out[0]);
      tracuuAnswers.add(mine);
      List<JsonObject> bodies = new ArrayList<>();
      allBodies.add(bodies);
      String[] lines = out[1].split("\n");
      for (int l = 1; l < lines.length; l += 2) bodies.add(JsonParser.parseString(lines[l]).getAsJsonObject());
      Answer lucene = search(searcher, translator, bodies);
      Set<String> common = new HashSet<>(mine.ids);
      common.retainAll(lucene.ids);
      long expected = Math.min(10, mine.total);
      double overlap = expected == 0 ? (lucene.ids.isEmpty() ? 1.0 : 0.0) : (double) common.size() / expected;
      boolean facetsSame = true;
      for (Map.Entry<String, List<Object[]>> f : mine.facets.entrySet()) {
        List<Object[]> theirs = lucene.facets.getOrDefault(f.getKey(), List.of());
        if (!sameBuckets(f.getValue(), theirs)) {
          facetsSame = false;
          System.out.println("  facet " + f.getKey() + " differs: tracuu " + show(f.getValue()) + " lucene " + show(theirs));
        }
      }
      boolean monthsSame = sameBuckets(mine.histogram, lucene.histogram);
      // The matching is identical by construction: every query must give the same set.
      boolean same = mine.total == lucene.total && mine.match.equals(lucene.match) && facetsSame && monthsSame;
      // The ranking is BM25 on both sides, with different statistics (see the average lengths
      // above): a hit of tracuu's top 10 may fall just below Lucene's 10th.
      boolean nearTop = lucene.deeper.isEmpty()
          || lucene.deeper.subList(0, Math.min(NEAR, lucene.deeper.size())).containsAll(mine.ids);
      boolean pass = same && overlap >= MIN_OVERLAP;
      worstOverlap = Math.min(worstOverlap, overlap);
      sumOverlap += overlap;
      if (same) identical++;
      if (overlap >= MIN_OVERLAP) overlapping++;
      if (nearTop) near++;
      String name = c.name.length() > 44 ? c.name.substring(0, 43) + "…" : c.name;
      System.out.printf("%-44s %7s %7d %9d %8.2f %6s %5s%s%n", name, mine.match, mine.total, lucene.total, overlap,
          facetsSame ? "same" : "DIFF", monthsSame ? "same" : "DIFF", pass ? "" : "   <-- FAILS");
      if (overlap < 1.0 && !lucene.deeper.isEmpty()) {
        StringBuilder fell = new StringBuilder("  tracuu's top 10 that Lucene ranks lower:");
        for (int r = 0; r < mine.ids.size(); r++) {
          String id = mine.ids.get(r);
          if (common.contains(id)) continue;
          int at = lucene.deeper.indexOf(id);
          fell.append(String.format(" %s (tracuu %d, lucene %s)", id, r + 1, at < 0 ? ">" + DEEP : String.valueOf(at + 1)));
        }
        System.out.println(fell);
      }
      if (!pass && mine.total != lucene.total) {
        System.out.println("  tracuu top " + mine.ids + "\n  lucene top " + lucene.ids);
      }
    }
    pool.shutdown();
    double meanOverlap = sumOverlap / Math.max(1, all.size());
    System.out.printf("%d of %d queries: same match kind, same total, same facets and months%n", identical, all.size());
    System.out.printf("%d of %d queries: top-10 overlap >= %.1f (mean %.3f, worst %.2f); %d of %d: tracuu's top 10 all within Lucene's top %d%n",
        overlapping, all.size(), MIN_OVERLAP, meanOverlap, worstOverlap, near, all.size(), NEAR);
    // Exit status: every set identical, and every query's top-10 overlap >= MIN_OVERLAP.
    ok &= all.size() >= 50 && identical == all.size() && overlapping == all.size();
    reader.close();
    System.exit(ok ? 0 : 1);
  }

  static List<String> split(JsonObject source, String field) {
    if (!source.has(field)) return List.of();
    String value = source.get(field).getAsString();
    return value.isEmpty() ? List.of() : List.of(value.split(" "));
  }

  /** Tokens both lists hold (as bags, so one split or merged token costs itself only); notes
   *  the first few differences. */
  static long sameCount(List<String> a, List<String> b, List<String> examples, String field) {
    Map<String, Long> bag = new HashMap<>();
    for (String t : b) bag.merge(t, 1L, Long::sum);
    long same = 0;
    for (String t : a) {
      Long left = bag.get(t);
      if (left != null && left > 0) {
        bag.put(t, left - 1);
        same++;
      }
    }
    if (same < Math.max(a.size(), b.size()) && examples.size() < 12) {
      int n = Math.min(a.size(), b.size());
      int i = 0;
      while (i < n && a.get(i).equals(b.get(i))) i++;
      String mine = i < a.size() ? a.get(i) : "(end)";
      String theirs = i < b.size() ? b.get(i) : "(end)";
      examples.add(field + ": lucene '" + mine + "', tracuu '" + theirs + "' (token " + i + ")");
    }
    return same;
  }
}
