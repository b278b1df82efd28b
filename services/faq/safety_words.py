"""The words of the safety check (:mod:`services.faq.safety`), folded (lower-case ASCII, Serbian
Cyrillic as Latin, no diacritics), in English, Albanian (standard and Gheg) and Serbian.

Most are *prefixes* of a word (``shtyll`` is ``shtylla``, ``shtyllën``, ``shtyllave``), grouped
by what they name: things that carry power, signs of danger that fit them, the power itself,
and the words that tell a figure of speech ("the bill was a shock") or another network (an
internet cable) from a hazard. Round 2 of issue 20 widened them from the kinds of hazard the
blind sets tell (a pole cracked or swaying, a shock told as "thrown back", a fence that is
live) to every hazard of the issue told as a situation, in the three languages.
"""

from __future__ import annotations

# Things that carry power and can fall, hang low, lean, break or lie bare.
_LINE_WORDS_TEXT = (
    "wire wires wiring cable cables pole poles powerline powerlines pylon pylons lamppost "
    "lampposts conductor conductors "
    "tel teli telin telat tela telave telit kabllo kablloja kabllot kabllon kabllove kabllos "
    "kabllon kabll kablli kabllin kabllit kabllat kabllat kabell kabelli kabllove shtylle "
    "shtylla shtyllen shtyllat shtylles shtyllave shtyllash shtyll direk direku direkun "
    "direket direkut direqe direqet percues percuesit "
    "zica zice zicu zicom zicama zicani kabl kabla kablovi kablove kablu kablom kablova "
    "kablovima stub stuba stubovi stubu stubom stubova stubove bandera bandere banderu "
    "banderi banderom bandera dalekovod dalekovoda dalekovodu vod vodovi vodove vodova "
    "provodnik provodnici kabal cord cords"
)
LINE_WORDS = frozenset(_LINE_WORDS_TEXT.split())
# Stems of those that no other word shares, in any ending ("kablloje", "shtyllës", "banderama").
LINE_PREFIXES = (
    "kabll",
    "kabull",
    "kabell",
    "shtyll",
    "direk",
    "direq",
    "percues",
    "percjell",
    "bander",
    "dalekovod",
    "provodni",
    "powerline",
    "pylon",
    "lamppost",
    "zgjatues",
    "produzn",
)
# "Line" is a power line only with the power named ("power line", "linja e tensionit").
LINE_PREFIXES_WITH_POWER = ("line", "linj", "linij", "vod")
# Serbian "vod" is a line, and "voda" water: these are water ("vodovod", the water supply).
WATER_NOT_LINES = frozenset({"voda", "vode", "vodu", "vodom", "vodi"})
WATER_NOT_LINE_PREFIXES = ("vodovod", "vodoinst", "vodosnab", "vodomer", "vodokotl")
# ...or with a tree or a branch on them ("a branch fell on the lines").
TREE_PREFIXES = ("tree", "branch", "dega", "dege", "pem", "grana", "gran", "drvo", "drve")
# Branches a line runs through or is caught in ("kabllot janë ngatërruar në degët", "kabl se
# zapleo u granje"): a line in a tree is a hazard, a tree alone is not.
BRANCH_PREFIXES = ("branch", "dega", "dege", "degt", "granj", "grana", "grane", "kuror")
# Cars and trucks a line lies on ("a cable on my neighbour's car").
CAR_PREFIXES = ("car", "truck", "van", "makin", "vetur", "automob", "kamion", "kombi", "kola")
ON_WORDS = frozenset({"on", "onto", "over", "across", "mbi", "ne", "na", "preko", "po"})
# ...or with a storm or a wind that brought it down ("a line lying on the road after the storm",
# "posle oluje linija leži na njivi", "stuhia e rrëzoi linjën").
STORM_PREFIXES = ("storm", "oluj", "nevrem", "stuhi", "furtun", "vetrom", "vetrovi")
STORM_WORDS = frozenset({"wind", "winds", "windy", "gale", "vetar", "vetra", "era", "eres"})
# ...the "line" words only (not "vod", which is also water), and not a line of buses or trains.
LINE_PREFIXES_AFTER_STORM = ("line", "linj", "linij")
TRANSPORT_PREFIXES = ("bus", "autobus", "tramvaj", "tren", "train", "voz", "metro", "taksi", "taxi")
POWER_OF_LINES = frozenset({"power", "electric", "electricity", "overhead"})
# Things that carry power and can spark, burn, smoke, melt, take in water or give a shock.
DEVICE_PREFIXES = (
    "meter",
    "transformer",
    "substation",
    "socket",
    "outlet",
    "fuse",
    "breaker",
    "switchboard",
    "junction",
    "plug",
    "installation",
    "panel",
    "switch",
    "njehsor",
    "sahat",
    "trafo",
    "transformator",
    "priz",
    "sigures",
    "instalim",
    "kabin",
    "brojil",
    "strujomer",
    "strujomjer",
    "saharat",
    "ormar",
    "razvodn",
    "elektroormar",
    "uticnic",
    "osigurac",
    "instalacij",
    "prekidac",
    "trafostanic",
    "kutij",
    "mern",
    "kuti",
)
DEVICE_WORDS = frozenset({"box", "boxes", "cabinet", "kuti", "kutia", "kutine", "kutise"})
# The power itself.
POWER_PREFIXES = (
    "electric",
    "rrym",
    "korent",
    "elektrik",
    "energji",
    "struj",
    "elektricn",
    "napon",
    "tension",
    "voltage",
    "volt",
)
POWER_WORDS: frozenset[str] = frozenset()
# A metal thing that is live: "the fence is live", "ograda je pod strujom", "gardhi ka rrymë".
METAL_PREFIXES = (
    "fence",
    "gate",
    "railing",
    "ograd",
    "kapij",
    "gardh",
    "kangjell",
    "hekur",
    "metal",
    "gvozd",
    "slavin",
    "cesm",
    "rubinet",
)
# Household appliances: touched, and the power or a blow named, they gave a shock ("kur e prek
# lavatriqen më rrah rryma", "the fridge door zapped me"). Not a hazard on their own, nor when
# burnt (a claim for damage), so they count only with a touch.
APPLIANCE_PREFIXES = (
    *("washing", "washer", "fridge", "freezer", "boiler", "heater", "radiator", "oven", "stove"),
    *("kettle", "dryer", "dishwasher", "shower", "lavatriq", "frigorifer", "frizhider", "bojler"),
    *("ngroh", "kalorifer", "shporet", "sporet", "furr", "ibrik", "tharese", "dush"),
    *("masin", "frizider", "zamrzivac", "radijator", "grejalic", "pegl", "tus", "sudomas"),
    *("svetiljk", "svjetiljk", "lamp", "ndricim", "llamb"),
    *("lavatric", "kompjuter", "computer", "laptop", "racunar", "parmak", "gelender"),
)
# Touchable things that are whole words only ("tap", not "tape").
TOUCHABLE_WORDS = frozenset({"tap", "taps", "pipe", "pipes", "sink", "faucet", "faucets"})
# Lamps and bulbs: a hazard with water or crackling, not when "burnt" (a bulb that went out).
LAMP_PREFIXES: tuple[str, ...] = (
    "lamp",
    "llamb",
    "sijalic",
    "luster",
    "bulb",
    "plafonjer",
    "fitting",
    "fixture",
)
LAMP_PREFIXES += ("chandelier", "llamp", "ndricues")
# The power given off by a thing touched: "rubineti jep rrymë", "kapija daje struju".
GIVES_POWER = frozenset(
    {"jep", "jepte", "jepet", "lshon", "leshon", "daje", "davala", "davao", "pusta", "gives"}
)
# Albanian verbs made from the power: "m'ka rrymu", "e rrymoi" (it gave him a shock).
POWER_VERBS = frozenset(
    {"rrymu", "rrymue", "rrymoi", "rrymosi", "rrymuar", "rrymon", "rrymoj", "rrymuan"}
)
# A line that is not there: "nuk ka asnjë tel afër", "nowhere near any wires", "nije blizu žica".
NO_LINE_BEFORE = frozenset(
    {"asnje", "asnji", "any", "no", "nowhere", "nema", "nije", "nikakv", "nikakvih", "nijedn"}
)
# A smell of burning ("erë djegie", "miris paljevine", "smrdi na plastiku") where the power
# runs: lights, a wall, a socket, a cable, not a kitchen.
SMELL_PREFIXES: tuple[str, ...] = (
    "smell",
    "stink",
    "ere",
    "era",
    "miris",
    "smrd",
    "smrad",
    "zaudar",
    "kunderm",
)
SMELL_PREFIXES += ("mnuh", "nuhat", "qelb", "vonj")
SMELL_OF_POWER = ("plastik", "plastic", "gum", "rubber", "izolim", "izolacij")
WALL_PREFIXES = ("wall", "mur", "zid", "tavan", "plafon", "ceiling")
# What someone or an animal did when they touched a thing of the power or came near a pole:
# cried, screamed, yelped, jumped back, a hand gone red.
REACTION_PREFIXES = (
    *("cried", "crying", "scream", "yelp", "jumped", "bertit", "vrisk", "vrist", "skuq", "cvil"),
    *("zacvil", "skoci", "pocrven", "opekl"),
)
REACTION_WORDS = frozenset(
    {"qa", "qan", "qau", "qante", "cries", "plakao", "plakala", "zaplakao", "zaplakala"}
)
# An animal found dead by a pole or a line ("lopa ngordhi afër shtyllës", "ovca uginula kod
# stuba", "a dead dog under the wires"): the line may be live.
DEAD_PREFIXES = ("ngordh", "ugin", "crkl", "lipsa")
# In English an animal must be named: "the line is dead" is no power.
DEAD_ANIMAL = ("died", "dead")
ANIMAL_PREFIXES = (
    "cow",
    "dog",
    "cat",
    "sheep",
    "horse",
    "bird",
    "animal",
    "goat",
    "calf",
    "pigeon",
)
# "Without" or "no" just before a sign: "pa asnjë erë apo tym", "no smoke", "bez dima".
WITHOUT = frozenset({"pa", "asnje", "no", "without", "bez", "nema", "nikakv", "nikakvog"})
# Climbing a pole or a pylon ("mali se penje na banderu", "djemtë u ngjitën në shtyllë").
CLIMB_PREFIXES: tuple[str, ...] = ("climb", "penj", "pope", "ngjitet", "ngjiten", "ngjitej", "hipi")
CLIMB_PREFIXES += ("kacav",)
# "Got a blow from the washing machine" ("dobila udar od veš mašine"): a shock from a thing.
GOT_A_BLOW = ("dobila udar", "dobio udar", "dobilo udar", "dobila je udar", "dobio je udar")
# Shock absorbers are a car's ("amortizer"): no shock.
ABSORBERS = ("absorber", "amortiz")
# A bill that "is fire" ("fatura osht zjarr", "račun je vatra", "the bill is fire"): dear.
BILL_PREFIXES = ("fatur", "racun", "bill", "invoice")
COPULAS = frozenset(
    {"osht", "eshte", "asht", "ishte", "is", "was", "je", "bio", "bila", "si", "kao"}
)
# A touch that did nothing ("nuk më bëri asgjë", "nothing happened", "ništa se nije desilo").
DID_NOTHING = frozenset({"nuk", "not", "nije", "nothing", "asgje", "nista", "ne"})
# Lights that trembled are lights that flickered ("dritat u dridhën"), not a person shaken.
LIGHTS_PREFIXES = ("drit", "light", "svetl", "svjetl")
# Signs a thing of the network gives by sound or light: a loud noise, a hum, a bang, flashes
# ("zhurmë e fortë dhe dritë vezulluese prej transformatorit", "трафо бучи и сева").
NOISE_PREFIXES = (
    *("boom", "bam", "bum", "kaboom"),
    *("noise", "noisy", "humming", "roar", "bang", "zhurm", "gjemim", "gjemon", "kercit", "ushton"),
    *("buka", "bucn", "buci", "tutnj", "tresk", "prasa", "prasn", "krck", "krcka", "zvizd"),
)
FLASH_PHRASES = ("blue light", "drite e kalter", "drit e kalter", "plava svetlost", "plavo svetlo")
FLASH_PREFIXES: tuple[str, ...] = (
    "flash",
    "arcing",
    "vezull",
    "shkrepet",
    "bljesk",
    "blesk",
    "blic",
    "svetluc",
)
FLASH_PREFIXES += ("bljesn", "blesn")
# A pole of a fence ("stub od ograde", "shtylla e gardhit", "fence post") is no line.
FENCE_OF_POLE = frozenset({"ograde", "gardhit", "tarabes"})
# Live: "is live", "pod strujom"/"pod naponom", "nën tension", "ka rrymë" (not "nuk ka rrymë").
LIVE_BEFORE = {
    "is": ("live",),
    "are": ("live",),
    "pod": ("struj", "napon"),
    "nen": ("tension",),
    "ka": ("rrym", "korent"),
}
NEGATIONS = frozenset({"nuk", "s", "ska", "not", "no", "nema", "ne", "isnt", "arent"})
# Cooking burnt because the power went out is not a fire of the power.
# ...nor an appliance burnt when it came back (a claim for damage, not a hazard of the network).
COOKING_PREFIXES = (
    "dinner",
    "lunch",
    "food",
    "cake",
    "bread",
    "oven",
    "byrek",
    "burek",
    "ushqim",
    "buk",
    "drek",
    "darke",
    "darka",
    "darken",
    "furr",
    "rucak",
    "vecer",
    "jelo",
    "hleb",
    "rern",
    "pita",
    "pite",
    "toast",
    "tost",
    "pecenj",
    "kolac",
    "torta",
    "tort",
    "pizza",
    "pica",
    "meso",
    "mish",
    "tigan",
    "tenxher",
    "gjell",
    "cooking",
    "gatim",
    "gatu",
    "kuvanj",
    "kuvala",
    "kuvao",
    "fridge",
    "freezer",
    "boiler",
    "washing",
    "tv",
    "televi",
    "laptop",
    "computer",
    "frigorifer",
    "kaldaj",
    "bojler",
    "lavatric",
    "frizider",
    "zamrziva",
    "sporet",
    "masin",
    "kompjuter",
    "aparat",
    "pajisj",
    "uredjaj",
    "appliance",
    "router",
    "modem",
)
# Heating and light of one's own (a stove with wood, a fireplace, candles, fireworks) is no
# fire of the power: "we lit the stove since the power is out".
HEATING_PREFIXES = (
    "fireplace",
    "stove",
    "wood",
    "candle",
    "firework",
    "barbecue",
    "grill",
    "oxhak",
    "qiri",
    "fishek",
    "kamin",
    "drva",
    "svec",
    "vatromet",
    "rostilj",
    "cigar",
    # the weather's heat: "vapa po na djeg", "burning hot today"
    "vap",
    "heat",
    "weather",
    "summer",
    "sunny",
    "vrucin",
    "zeg",
    "temperatur",
    "film",
    "movie",
)
HEATING_WORDS = frozenset({"dru", "drut", "drute", "druri", "drurit"})
# Words of a car or a drink that share "spark" ("spark plug", "sparkling water").
NOT_SPARKS = ("spark plug", "sparkplug", "sparkl", "svecic", "kandel")
# Figures of speech with fire or a shock and the power named ("a burning question").
IDIOMS = (
    "burning question",
    "burning issue",
    "burning hot",
    "hot topic",
    "hot question",
    "pyetje e djegur",
    "pod nogama",
    "sparks of joy",
    "spark joy",
    "sparked joy",
    "burning desire",
)
# A person "on fire" (doing well) today or lately: no fire even with a meter named (round 6).
FIRE_IDIOMS = ("on fire today", "on fire lately", "on fire this week", "on fire this month")
# Two words that name a pole: "lamp post", "light pole" (not "street light": public lighting).
# Came off the pole or the house: "a wire that came off the pole".
COME_OFF = ("came off", "come off", "coming off", "comes off", "fell off", "torn off")
LINE_PHRASES = ("lamp post", "light pole", "electricity pole", "power pole")
# Signs that fit a wire or a pole: fallen, down, hanging, low, leaning, cracked, swaying,
# rotten, snapped, bare, on the ground or the road, touching something.
FALLEN_PREFIXES = (
    "fell",
    "fallen",
    "falling",
    "hang",
    "hung",
    "dangl",
    "sagg",
    "ground",
    "lying",
    "snapp",
    "lean",
    "tilt",
    "collaps",
    "bare",
    "expos",
    "torn",
    "broke",
    "knock",
    "crack",
    "sway",
    "wobbl",
    "rott",
    "topp",
    "touch",
    "loose",
    "swing",
    "stick",
    "strip",
    "fall",
    "bie",
    "bjen",
    "varet",
    "varen",
    "varur",
    "varin",
    "perdhe",
    "posht",
    "keput",
    "anua",
    "anohet",
    "anon",
    "pjerr",
    "rrezu",
    "rrezo",
    "rrxu",
    "rrxo",
    "zhvesh",
    "shtrih",
    "shtri",
    "thye",
    "lakuriq",
    "izolim",
    "izolac",
    "izolir",
    "insulat",
    "ulet",
    "ulur",
    "plasarit",
    "krisur",
    "kris",
    "lekund",
    "leviz",
    "kalb",
    "prek",
    "prere",
    "preu",
    "poshte",
    "pao",
    "pala",
    "palo",
    "pali",
    "pada",
    "visi",
    "obes",
    "zemlj",
    "pukao",
    "obori",
    "oboren",
    "obara",
    "puk",
    "srusi",
    "srus",
    "nakriv",
    "nagnu",
    "nagin",
    "naher",
    "kidan",
    "prekinut",
    "ogolj",
    "gol",
    "nisko",
    "lez",
    "lomi",
    "lome",
    "slomlj",
    "slomi",
    "polomlj",
    "napuk",
    "pukotin",
    "ljulj",
    "klati",
    "trul",
    "istrul",
    "dira",
    "dirn",
    "dodir",
    "zateg",
    "vire",
    "labav",
    "puca",
    "kriv",
    "pasce",
    "pasti",
    "padne",
    "padn",
    "zvarr",
    "detach",
    "otkac",
    "shkep",
    "perkul",
    "bent",
    "bend",
    "savij",
    "savio",
    "iskrivlj",
    "pertok",
    "anuar",
    "vuce",
    "vukl",
    "drag",
    "trail",
    # Round 5: a pole or a line struck by a vehicle, broken, crooked ("kamioni e goditi
    # shtyllën, u thy", "a lorry smashed into the pole", "kamion je udario u stub, prelomio").
    "thy",
    "theu",
    "perplas",
    "godit",
    "smash",
    "crash",
    "ramm",
    "split",
    "prelom",
    "udari",
    "shtremb",
)
# Where a fallen wire lies (a pole stands in a yard or a street: these are not signs for it).
LOCATION_PREFIXES = (
    "street",
    "road",
    "sidewalk",
    "pavement",
    "yard",
    "field",
    "driveway",
    "playground",
    "rrug",
    "trotuar",
    "oborr",
    "kulm",
    "cati",
    "ulic",
    "trotoar",
    "dvorist",
    "asfalt",
    "krov",
    "polj",
    "njiv",
    "prilaz",
    "park",
    "grass",
    "garden",
    "path",
    "fush",
    "kopsht",
    "livadh",
    "bari",
    "barin",
    "barit",
    "trava",
    "travi",
    "travu",
    "travnj",
    "basta",
    "basti",
    "bastu",
    "livad",
    "igralist",
)
# Works on the lines ("they are replacing the cables on our street"): a wire named with a place
# is no hazard then, unless a sign of danger is given as well.
WORKS_PREFIXES = (
    "replac",
    "instal",
    "fix",
    "repair",
    "work",
    "crew",
    "electrician",
    "upgrad",
    "nderr",
    "ndrr",
    "rregull",
    "riparu",
    "punim",
    "punetor",
    "puntor",
    "punoj",
    "vendos",
    "menja",
    "zamen",
    "postav",
    "popravlj",
    "popravi",
    "radov",
    "radnic",
    "radnik",
    "rade",
    "majstor",
    "elektricar",
    "montir",
)
POLE_PREFIXES = ("pole", "pylon", "lamppost", "shtyll", "direk", "direq", "stub", "bander")
FALLEN_WORDS = frozenset(
    {
        *("ra", "ran", "rrxu", "low", "down", "cut", "hit", "var", "pade", "rene", "rena"),
        *("rane", "toke", "tok", "toka", "tokes", "ara", "aren", "arat", "putu", "puta"),
        *("anu", "anum", "anume"),
    }
)
# "Vise" hangs ("žice vise nisko") and is also "more": only before where it hangs.
HANGING_AFTER = frozenset({"nisko", "preko", "iznad", "nad", "sa", "na", "do", "ispred"})
SPARK_PREFIXES = ("spark", "arcing", "shkendi", "shkrep", "xix", "varnic", "iskri", "iskrenj")
# "Iskreno" is "honestly": the sparks of Serbian are these words.
SPARK_WORDS = frozenset(
    {"iskra", "iskre", "iskru", "iskrica", "iskrice", "iskrenje", "seva", "sevaju", "sevanje"}
    | {"sijeva", "sijevaju", "sijevanje", "sijevnu"}
)
FIRE_PREFIXES = (
    "fire",
    "flame",
    "flaming",
    "smok",
    "burn",
    "melt",
    "explo",
    "bang",
    "sizzl",
    "scorch",
    "charred",
    "crackl",
    "popping",
    "buzz",
    "hiss",
    "smoulder",
    "smolder",
    "zjarr",
    "flak",
    "tym",
    "digj",
    "dogj",
    "djeg",
    "shkrih",
    "shkrin",
    "shkriu",
    "shkrir",
    "shperth",
    "krism",
    "nxeh",
    "kercas",
    "kercet",
    "gumezh",
    "cvarr",
    "plasi",
    "vatr",
    "plam",
    "gori",
    "goreo",
    "gorel",
    "izgor",
    "zapal",
    "paljevin",
    "istop",
    "tope",
    "topi",
    "eksplod",
    "prask",
    "pucket",
    "zagrej",
    "greje",
    "usij",
    "vruc",
    "zuj",
    "cvrc",
    "dimi",
    "pocrn",
    "nagorel",
    "otop",
    "rastop",
    "sprz",
    "przen",
    "zagor",
)
FIRE_WORDS = frozenset({"dim", "dima", "dimom", "dime", "hot", "burnt", "shkri", "shkrine"})
WATER_PREFIXES = (
    "water",
    "wet",
    "flood",
    "leak",
    "drip",
    "rain",
    "lagur",
    "lagesht",
    "laget",
    "permbyt",
    "pikon",
    "pikojn",
    "rrjedh",
    "shiu",
    "shiut",
    "mokr",
    "poplav",
    "prokis",
    "curi",
    "kisnic",
    "kise",
    "kisa",
    "vlag",
    "kaplj",
)
WATER_WORDS = frozenset(
    {"voda", "vode", "vodu", "vodom", "shi", "shiun", "uje", "uji", "ujit", "ujin", "ujera"}
)
# A water meter ("njehsori i ujit", "vodomer") is not a wet meter.
WATER_METERS = (
    "water meter",
    "njehsor i ujit",
    "njehsori i ujit",
    "njehsorin e ujit",
    "vodomer",
    "brojilo vode",
    "brojilo za vodu",
    "brojila za vodu",
)
SHOCK_VERBS = (
    "zuri",
    "zuni",
    "godit",
    "dridh",
    "shkund",
    "hodhi",
    "elektrizu",
    "udar",
    "udri",
    "protres",
    "drmn",
    "uhvati",
    "tresn",
    "ubil",
    "ubij",
    "kopn",
    "lupi",
    "strese",
    "trese",
    "osinu",
    "pecka",
    "bije",
    "rrah",
    "nxan",
    "nxen",
    "drm",
    "prodrm",
    "zadrm",
)
# Lightning struck ("udario je grom", "ra rrufeja"): the verb of striking is the lightning's.
LIGHTNING_PREFIXES = ("grom", "munj", "rrufe", "lightning", "thunder", "sevn")
SHOCK_SHORT = frozenset({"zu", "ze", "zen", "zene", "zan", "zane", "ubi", "kapi", "kap"})
SHOCK_SHORT |= {"ther", "theri", "therr", "therri", "therte"}  # "më ther" (it stings me)
SHOCK_WORDS = (
    "shock",
    "electrocut",
    "zapped",
    "zapping",
    "zaps",
    "jolt",
    "tingl",
    "electrified",
    "stung",
    "thrown",
    "threw",
)
# Felt the current ("osetila struju", "ndjeva rrymën", "felt the electricity").
FELT_PREFIXES = ("felt", "feel", "osetil", "osetio", "oseti", "oseca", "ndjev", "ndjen", "ndie")
# "Got a shock", "gave me a shock": the noun with these is the power's ("I was shocked when…"
# is surprise, unless a thing, the power or a touch is named).
SHOCK_CONTEXT = ("got", "gave", "get", "getting", "gets")
TOUCH_PREFIXES = ("touch", "prek", "dira", "dirn", "dodir", "dotak", "pipn", "pipa", "пипн")
# Serbian words that start like Albanian "prek" (touch): over, a break, broken off, too late.
NOT_TOUCH = ("preko", "prekid", "prekin", "prekr", "prekj", "prekas", "prekosutra")
# What a thing touched did back, with no power named: "kur preka derën e kutisë më goditi",
# "dodirnulo ogradu kod trafoa i protreslo ga je", "touched the gate and it shook me".
STRUCK_ON_TOUCH = ("shook", "kicked", "zap", "tresl", "tresao")
DANGER_PREFIXES = ("danger", "hazard", "rrezik", "opasn")
# An open or broken door of a transformer station or a box, with children or bare wires.
OPEN_PREFIXES = ("open", "hapur", "hapet", "hapun", "hapt", "otvoren", "razbij", "broken", "thyer")
# A door gone from a box or a station: "pa derë", "bez vrata", "no door", "without a door".
NO_DOOR = ("pa dere", "pa der", "bez vrata", "no door", "without a door", "without door")
# Children with a wire or a cable ("kids are playing with a wire"): not "dec", which is December.
_YOUNG = ("dijet", "djec", "cunat", "cuna", "gocat", "kalama")
KIDS_PREFIXES: tuple[str, ...] = ("kid", "child", "femij", "deca", "decu", "deci", "decom", "dete")
KIDS_PREFIXES += ("djal", "vajz", *_YOUNG)
CHILD_PREFIXES: tuple[str, ...] = ("kid", "child", "femij", "deca", "dec", "dete", "djal", "vajz")
CHILD_PREFIXES += _YOUNG
# A cable of another network (internet, TV, telephone) is not ours, unless the power is named.
TELECOM_WORDS = frozenset({"tv", "tvja", "tvse"})
TELECOM_PREFIXES = (
    "internet",
    "wifi",
    "router",
    "modem",
    "televiz",
    "ipko",
    "vala",
    "telekom",
    "kujtesa",
    "artmotion",
    "mts",
    "telefon",
    "kablovsk",
    "kabllovik",
    "anten",
    "fiber",
    "optik",
    "phone",
    "charger",
    "karikues",
    "punjac",
    "usb",
    "laptop",
    "ekran",
    "screen",
)
# The bill, the amount, prices: with these, a shock, a burn or "like electricity" is a figure
# of speech ("the bill was a shock", "racun me udario kao struja", "më digjet xhepi").
MONEY_PREFIXES = (
    "bill",
    "amount",
    "price",
    "invoice",
    "euro",
    "wallet",
    "pay",
    "cost",
    "tariff",
    "fatur",
    "shuma",
    "shumen",
    "shumes",
    "cmim",
    "pages",
    "pagu",
    "xhep",
    "kushto",
    "racun",
    "iznos",
    "cen",
    "plati",
    "placa",
    "dzep",
    "kost",
    "total",
    "owe",
    "owing",
    "debt",
    "borxh",
    "duguj",
    "dugov",
)
SIMILES = (
    "like electricity",
    "like an electric",
    "si rryma",
    "si rrymë",
    "kao struja",
    "kao strujom",
    "као струја",
)
# A phone called "tel" ("numri i telit", "më ra teli") is not a wire.
PHONE_TEL = ("numri i tel", "numrin e tel", "numrit te tel", "numri tel")

# Words that start like a device and name something else: a town ("Prizren" is no "priza").
NOT_DEVICES = ("prizren",)
# "Sahat" is the meter in Kosovo and also the hour: after a number or "a few" it is hours
# ("qe 3 sahat pa rrymë", "dy sahat po bie shi").
NUMERALS = frozenset(
    {
        *("nje", "ni", "dy", "tre", "tri", "kater", "pese", "gjashte", "shtate", "tete", "nande"),
        *("dhjete", "disa", "ca", "sa", "nja", "nji", "gjys", "gjysem", "cdo", "gjith"),
    }
)
HOURS = ("sahat",)
# A meter of water ("sahati i ujit", "brojilo za vodu", "the water meter"): the meter word with
# water just before or after it.
METER_PREFIXES = ("meter", "njehsor", "sahat", "brojil", "strujomer", "strujomjer")
WATER_OF_METER = ("uj", "vod", "water")
OF = frozenset({"i", "e", "te", "se", "za", "od", "of", "for"})
# Possessives between a meter and its water ("sahati im i ujit", "our water meter").
MINE = frozenset({"im", "ime", "jem", "yne", "jone", "moj", "moje", "nas", "my", "our", "the"})
# Water in the genitive right after the meter: "sahati ujit", "brojilo vode".
WATER_GENITIVE = frozenset({"ujit", "ujin", "vode", "water"})
# Sparks between people ("varnice lete između mene i komšije", "shkëndija e dashurisë"): a
# quarrel or love, not a hazard.
QUARREL_PREFIXES = (
    "svad",
    "posvad",
    "sval",
    "quarrel",
    "argument",
    "arguing",
    "fight",
    "grind",
    "zihe",
    "zihem",
    "sherr",
)
# ...and love ("shkëndija e dashurisë"), when no thing of the power is named.
LOVE_PREFIXES = (
    *("date", "dating", "dejt", "takim", "sastan", "zabavlj", "girlfriend", "boyfriend"),
    "dashuri",
    "dashni",
    "love",
    "ljubav",
    "zaljub",
    "romant",
    "crush",
)
BETWEEN = frozenset({"izmedju", "between", "mes", "midis", "ndermjet", "medju"})
# Static electricity ("a static shock from the car door") is no shock of the network.
STATIC_PREFIXES = ("static", "statik", "staticn", "statick")
# Someone hurt by the power: an ambulance came, injured, burnt ("erdh ambulanca").
INJURY_PREFIXES = (
    "ambulanc",
    "injur",
    "hurt",
    "lendu",
    "plagos",
    "povred",
    "povredj",
)
# Round 5: a club called "Shkëndija" or "Iskra" (sparks) in talk of a match: no hazard when no
# thing of the power is named ("si doli Shkëndija dje", "kada igra Iskra").
SPORT_PREFIXES = (
    "ndeshj",
    "loje",
    "lojen",
    "lojes",
    "fitoi",
    "fitu",
    "humbi",
    "barazim",
    "kampionat",
    "stadium",
    "stadion",
    "utakmic",
    "pobedi",
    "pobijedi",
    "izgubi",
    "remi",
    "prvenstv",
    "match",
    "league",
    "liga",
    "ligen",
    "liges",
    "goal",
    "tournament",
    "turnir",
    "derby",
    "derbi",
    "tifoz",
    "navija",
    "kombetar",
    "reprezentac",
)
# "Plays" (a match), unless children are named ("kids play near the sparks").
SPORT_PLAYS = frozenset({"luan", "luajti", "luajne", "igra", "igraju", "igrao", "plays", "played"})
