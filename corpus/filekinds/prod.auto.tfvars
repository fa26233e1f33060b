instance_type="m6i.large"
  min_size = 2
max_size = 10
/* the blue/green switch */
active_color  = "blue"
weights = { blue = 100, green = 0 }
